import type { Actor } from '../access/actor';
import { Permission, roleHas } from '../access/permissions';
import { WorkerDto, WorkerMinimalDto } from './dto/worker.dto';
import { workAuthorization } from './work-authorization.rules';
import type { WorkerRecord } from './workers.repository';

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The employer's view: name, citizenship, occupation and placement dates; no documents, contacts,
 * health or notes. `employerId` limits the placements shown to that employer's.
 */
export function minimalView(w: WorkerRecord, employerId?: string | null): WorkerMinimalDto {
  return {
    id: w.id,
    caseNumber: w.caseNumber,
    lastNameCyr: w.lastNameCyr,
    firstNameCyr: w.firstNameCyr,
    lastNameLat: w.lastNameLat,
    firstNameLat: w.firstNameLat,
    citizenship: w.citizenship,
    occupations: w.occupations,
    placements: w.placements
      .filter((p) => !employerId || p.employerId === employerId)
      .map((p) => ({ employerId: p.employerId, startDate: isoDate(p.startDate)!, endDate: isoDate(p.endDate), status: p.status })),
  };
}

export function fullView(w: WorkerRecord, today: string): WorkerDto {
  return {
    ...minimalView(w),
    patronymicCyr: w.patronymicCyr,
    patronymicLat: w.patronymicLat,
    birthDate: isoDate(w.birthDate)!,
    sex: w.sex,
    languages: w.languages,
    phone: w.phone,
    recruitmentChannel: w.recruitmentChannel,
    partnerAgencyId: w.partnerAgencyId,
    intermediaryId: w.intermediaryId,
    intermediaryBlacklisted: w.intermediary?.status === 'BLACKLISTED',
    caseworkerId: w.caseworkerId,
    consentGivenOn: isoDate(w.consentGivenOn),
    consentScope: w.consentScope,
    arrivalDate: isoDate(w.arrivalDate),
    status: w.status,
    workAuthorization: workAuthorization({
      citizenship: w.citizenship,
      documents: w.documents.map((d) => ({
        type: d.type,
        status: d.status,
        issuedOn: isoDate(d.issuedOn),
        expiresOn: isoDate(d.expiresOn),
        paidUntil: isoDate(d.paidUntil),
      })),
      today,
    }),
    unannounced: w.unannounced,
    archivedAt: w.archivedAt?.toISOString() ?? null,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
  };
}

/** Field-level access, declared once: who may see the full dossier. */
export function canSeeFullDossier(actor: Actor): boolean {
  return roleHas(actor.role, Permission.WorkerReadSensitive);
}
