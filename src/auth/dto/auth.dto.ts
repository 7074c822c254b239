import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'staff@centre.example' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(20) @MaxLength(100) refreshToken: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'The one-time token an administrator handed over' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 256,
    description:
      "At least 12 characters, hard to guess (score 3 of 4 of the zxcvbn estimator), and nothing of the user's e-mail or name; else 422 WEAK_PASSWORD",
  })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['ADMIN', 'STAFF', 'LIAISON', 'EMPLOYER'] }) role: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) employerId: string | null;
  @ApiProperty({ type: [String] }) agencyIds: string[];
  @ApiProperty({ type: [String], description: 'Permissions the role holds' }) permissions: string[];
}
