import { isoDay } from '../../reference/reference.rules';
import type { ArrivalDto } from './dto/arrival.dto';
import type { CandidateDto, RecruitmentOrderDetailDto, RecruitmentOrderDto } from './dto/recruitment-order.dto';
import type { ArrivalRecord, OrderDetailRecord, OrderRecord } from './recruitment.repository';

type CandidateRecord = OrderDetailRecord['candidates'][number];

export function candidateDto(c: Pick<CandidateRecord, 'workerId' | 'status' | 'proposedById' | 'decidedById' | 'createdAt' | 'worker'>): CandidateDto {
  return {
    workerId: c.workerId,
    ...c.worker,
    status: c.status,
    proposedById: c.proposedById,
    decidedById: c.decidedById,
    createdAt: c.createdAt.toISOString(),
  };
}

export function arrivalDto(a: ArrivalRecord): ArrivalDto {
  return {
    id: a.id,
    orderId: a.orderId,
    partnerAgencyId: a.order.partnerAgencyId,
    expectedOn: isoDay(a.expectedOn),
    transport: a.transport,
    status: a.status,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    note: a.note,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    workers: a.workers.map((w) => ({
      workerId: w.workerId,
      caseNumber: w.worker.caseNumber,
      lastNameLat: w.worker.lastNameLat,
      firstNameLat: w.worker.firstNameLat,
      expected: w.expected,
      checkedInOn: w.checkedInOn ? isoDay(w.checkedInOn) : null,
    })),
  };
}

export function orderDto(o: OrderRecord): RecruitmentOrderDto {
  return {
    id: o.id,
    labourRequestId: o.labourRequestId,
    partnerAgencyId: o.partnerAgencyId,
    partnerAgencyName: o.partnerAgency.name,
    candidatesRequested: o.candidatesRequested,
    selectedCount: o._count.candidates,
    status: o.status,
    note: o.note,
    createdById: o.createdById,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
  };
}

export function orderDetailDto(o: OrderDetailRecord): RecruitmentOrderDetailDto {
  return { ...orderDto(o), candidates: o.candidates.map(candidateDto), arrivals: o.arrivals.map(arrivalDto) };
}
