import { ApiProperty, PickType } from '@nestjs/swagger';
import { QuotaAllocationDto } from './quota-allocation.dto';

export class EmployerRiskDto {
  @ApiProperty({ description: 'Complaints against the employer resolved as SUBSTANTIATED (staff and administrators only: employers never see complaints)' })
  substantiatedComplaints: number;
  @ApiProperty({ description: "Contract notifications to the MVD made late on the employer's placements" }) lateContractNotifications: number;
  @ApiProperty({ description: 'Contract notifications to the MVD never made although past their due date (start or end + 3 working days), as of today' })
  missingContractNotifications: number;
}

/** The allocation as a reviewer needs it: its scope and its places. */
export class ReviewQuotaDto extends PickType(QuotaAllocationDto, ['id', 'year', 'occupationCode', 'citizenship', 'limit', 'approved', 'remaining'] as const) {}

export class ReviewWageFloorDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ description: "The floor for the request's hours, whole roubles a month" }) floorRub: number;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty() mrotRub: number;
  @ApiProperty() regionalCoefficient: number;
}

/** What staff see when they review a request: never part of an employer user's answer. */
export class LabourRequestReviewDto {
  @ApiProperty({ type: EmployerRiskDto }) employerRisk: EmployerRiskDto;
  @ApiProperty({ type: ReviewQuotaDto, nullable: true, description: 'The allocation the request counts (or would count) against' })
  quotaAllocation: ReviewQuotaDto | null;
  @ApiProperty({ type: ReviewWageFloorDto, nullable: true, description: 'null when the МРОТ of the year is not entered' })
  wageFloor: ReviewWageFloorDto | null;
}
