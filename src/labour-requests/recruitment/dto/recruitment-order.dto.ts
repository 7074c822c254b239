import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { CandidateStatus, RecruitmentOrderStatus } from '../../../generated/prisma/enums';
import { ArrivalDto, WorkerBriefDto } from './arrival.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRecruitmentOrderDto {
  @ApiProperty({ format: 'uuid', description: 'An active partner agency; a liaison officer may only name one of its own (422 otherwise)' })
  @IsUUID()
  partnerAgencyId: string;
  @ApiProperty({ example: 4, minimum: 1, maximum: 500, description: 'Candidates to select; at most the open places of the request' })
  @IsInt()
  @Min(1)
  @Max(500)
  candidatesRequested: number;
  @ApiPropertyOptional({ example: 'Bricklayers with experience, Russian A2' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RecruitmentOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RecruitmentOrderStatus }) @IsOptional() @IsEnum(RecruitmentOrderStatus) status?: RecruitmentOrderStatus;
  @ApiPropertyOptional({ format: 'uuid', description: "Only this agency's orders (a liaison officer naming another agency's finds none)" })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string;
}

export class ProposeCandidateDto {
  @ApiProperty({ format: 'uuid', description: "A worker in CANDIDATE status linked to the order's partner agency" })
  @IsUUID()
  workerId: string;
}

export class CandidateDto extends WorkerBriefDto {
  @ApiProperty({ example: 'Каримов' }) lastNameCyr: string;
  @ApiProperty({ example: 'Фаррух' }) firstNameCyr: string;
  @ApiProperty({ example: 'UZ' }) citizenship: string;
  @ApiProperty({ enum: CandidateStatus }) status: CandidateStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) proposedById: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedById: string | null;
  @ApiProperty() createdAt: string;
}

export class RecruitmentOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labourRequestId: string;
  @ApiProperty({ format: 'uuid' }) partnerAgencyId: string;
  @ApiProperty({ example: 'Fergana Labour Export' }) partnerAgencyName: string;
  @ApiProperty({ example: 4 }) candidatesRequested: number;
  @ApiProperty({ example: 1, description: 'Candidates selected so far' }) selectedCount: number;
  @ApiProperty({
    enum: RecruitmentOrderStatus,
    description:
      'OPEN; FULFILLED once as many candidates are selected as asked; CANCELLED when recruitment for the labour request ended (withdrawn, rejected, closed)',
  })
  status: RecruitmentOrderStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdById: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class RecruitmentOrderDetailDto extends RecruitmentOrderDto {
  @ApiProperty({ type: [CandidateDto] }) candidates: CandidateDto[];
  @ApiProperty({ type: [ArrivalDto] }) arrivals: ArrivalDto[];
}

export class RecruitmentOrderPageDto {
  @ApiProperty({ type: [RecruitmentOrderDto] }) items: RecruitmentOrderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
