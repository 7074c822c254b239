import { CalendarService } from '../reference/calendar.service';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../infra/clock/clock';
import { ComplaintsRepository } from '../complaints/complaints.repository';
import { ReferenceService, WageFigures } from '../reference/reference.service';
import { LabourRequestReviewDto, ReviewQuotaDto, ReviewWageFloorDto } from './dto/labour-request-review.dto';
import { missingContractNotifications } from './employer-risk.rules';
import { LabourRequestRecord, LabourRequestsRepository } from './labour-requests.repository';
import { quotaAllocationDto, QuotaAllocationsService } from './quota-allocations.service';
import type { QuotaAllocationRecord } from './quota-allocations.repository';
import { quotaKeyFor } from './quota.rules';
import { wageFloorRub } from './wage-floor.rules';

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function reviewQuota(a: QuotaAllocationRecord): ReviewQuotaDto {
  const { note: _note, version: _version, updatedAt: _updatedAt, ...scopeAndPlaces } = quotaAllocationDto(a);
  return scopeAndPlaces;
}

/** The wage-floor figures of a year, or the REFERENCE_MISSING error when one is not entered. */
export type FloorFigures = WageFigures | { missing: AppError };

/**
 * What staff see when they review a request: the employer's risk indicator, the allocation it
 * counts against and the wage floor for its hours.
 */
@Injectable()
export class EmployerRiskService {
  constructor(
    private readonly repo: LabourRequestsRepository,
    private readonly quotas: QuotaAllocationsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly complaints: ComplaintsRepository,
  ) {}

  async reviewOf(r: LabourRequestRecord): Promise<LabourRequestReviewDto> {
    const key = quotaKeyFor({ periodStart: isoDay(r.periodStart), occupationCode: r.occupationCode, preferredCitizenships: r.preferredCitizenships });
    const [late, missing, allocation, floor, substantiated] = await Promise.all([
      this.repo.lateContractNotifications(r.employerId),
      this.missingNotifications(r.employerId),
      r.quotaAllocationId ? this.quotas.findById(r.quotaAllocationId) : this.quotas.matching(key),
      this.floorFigures(key.year),
      this.complaints.substantiatedAgainstEmployer(r.employerId),
    ]);
    return {
      employerRisk: { substantiatedComplaints: substantiated, lateContractNotifications: late, missingContractNotifications: missing },
      quotaAllocation: allocation && reviewQuota(allocation),
      wageFloor: 'missing' in floor ? null : this.floorFor(floor, r.hoursPerWeek),
    };
  }

  /** Notices to the MVD never made although due (by the production calendar) before the clock's today. */
  private async missingNotifications(employerId: string): Promise<number> {
    const placements = await this.repo.placementsLackingNotices(employerId);
    const notices = placements.map((p) => ({
      startDate: isoDay(p.startDate),
      endDate: p.endDate && isoDay(p.endDate),
      ended: p.status === 'ENDED',
      notices: p.contractNotifications.map((n) => n.kind),
    }));
    return missingContractNotifications(notices, isoDay(this.clock.now()), await this.calendars.calendar());
  }

  /** МРОТ × coefficient of the year and the full-time week, from reference data. */
  async floorFigures(year: number): Promise<FloorFigures> {
    try {
      return await this.reference.wageFigures(year);
    } catch (e) {
      if (e instanceof AppError && e.code === 'REFERENCE_MISSING') return { missing: e };
      throw e;
    }
  }

  private floorFor(f: Exclude<FloorFigures, { missing: AppError }>, hoursPerWeek: number): ReviewWageFloorDto {
    const floorRub = wageFloorRub({ ...f, hoursPerWeek });
    return { year: f.year, floorRub, hoursPerWeek, mrotRub: f.mrotRub, regionalCoefficient: f.regionalCoefficient };
  }
}
