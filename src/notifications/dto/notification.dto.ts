import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only notifications not yet read; false: only those read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'negotiation.offer', description: 'What happened, a stable machine name' }) kind: string;
  @ApiProperty({ example: 'New wage offer' }) title: string;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'labour_request', description: 'The record it is about' }) entityType: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the user marked it read; null while unread' }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
