import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { COUNTRY_REGIMES, type CountryRegime } from '../countries.rules';

export class CountryQueryDto {
  @ApiPropertyOptional({ description: 'Code (alpha-2 or alpha-3) or part of the English or Russian name', example: 'узб' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: COUNTRY_REGIMES }) @IsOptional() @IsIn(COUNTRY_REGIMES) regime?: CountryRegime;
}

export class CountryDto {
  @ApiProperty({ example: 'UZ', description: 'ISO 3166-1 alpha-2: the code citizenships are recorded with' }) code: string;
  @ApiProperty({ example: 'UZB' }) alpha3: string;
  @ApiProperty({ example: 'Uzbekistan' }) nameEn: string;
  @ApiProperty({ example: 'Узбекистан' }) nameRu: string;
  @ApiProperty({
    enum: COUNTRY_REGIMES,
    description:
      'What its citizens need to work in Russia: RUSSIA (not a migrant: refused as a worker citizenship), EAEU (nothing), PATENT, VISA (a work permit)',
  })
  regime: CountryRegime;
}
