import type { Actor } from '../access/actor';
import { Permission, roleHas } from '../access/permissions';
import { scopeOf } from '../access/scope';
import type { WorkerEventDto } from './dto/worker.dto';
import type { WorkersRepository } from './workers.repository';

type Sources = Awaited<ReturnType<WorkersRepository['timelineSources']>>;
type EventRow = Awaited<ReturnType<WorkersRepository['events']>>[number];

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What a caller may learn beside the ids on a timeline, no more than elsewhere: the names of Centre
 * users only for callers without a record scope (a liaison officer sees only their own name, as
 * /auth/me shows it), employers for those who read employers, labour requests (even their ids) for
 * those who read labour requests.
 */
export interface TimelineViewer {
  actorId: string;
  seesUserNames: boolean;
  seesEmployers: boolean;
  seesLabourRequests: boolean;
}

export function timelineViewer(actor: Actor): TimelineViewer {
  const scope = scopeOf(actor);
  return {
    actorId: actor.id,
    seesUserNames: !scope.agencyIds && !scope.employerId,
    seesEmployers: roleHas(actor.role, Permission.EmployerRead),
    seesLabourRequests: roleHas(actor.role, Permission.LabourRequestRead),
  };
}

/** The user ids a timeline names, to look their names up once. */
export function timelineActorIds(events: EventRow[], s: Sources): string[] {
  const ids = [
    ...events.map((e) => e.actorId),
    ...s.documents.map((d) => d.createdById),
    ...s.payments.flatMap((p) => [p.actorId, p.reversedById]),
    ...s.placements.map((p) => p.createdById),
  ];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/** The dossier's events and papers as one list in date order, each naming who and what it is about as far as the viewer may know. */
export function timelineView(events: EventRow[], s: Sources, names: Map<string, string>, viewer: TimelineViewer): { items: WorkerEventDto[] } {
  const actor = (id: string | null) => (id === null ? null : { id, name: viewer.seesUserNames || id === viewer.actorId ? (names.get(id) ?? null) : null });
  const employer = (e: { id: string; name: string } | null) => (e && viewer.seesEmployers ? { employerId: e.id, employer: { id: e.id, name: e.name } } : {});
  const entry = (e: Pick<WorkerEventDto, 'id' | 'kind' | 'occurredAt' | 'actorId' | 'text'> & Partial<WorkerEventDto>): WorkerEventDto => ({
    fromStatus: null,
    toStatus: null,
    documentId: null,
    placementId: null,
    employerId: null,
    employer: null,
    labourRequestId: null,
    labourRequest: null,
    ...e,
    actor: actor(e.actorId),
  });
  const items: WorkerEventDto[] = [
    ...events.map((e) =>
      entry({
        id: e.id,
        kind: e.kind,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        text: e.text,
        documentId: e.documentId,
      }),
    ),
    ...s.documents.map((d) =>
      entry({
        id: d.id,
        kind: d.supersedesId ? 'DOCUMENT_RENEWED' : 'DOCUMENT_RECORDED',
        occurredAt: d.createdAt.toISOString(),
        actorId: d.createdById,
        text: `${d.type}${d.expiresOn ? ` valid to ${day(d.expiresOn)}` : ''} (${d.status})`,
        documentId: d.id,
        ...employer(d.employer),
      }),
    ),
    ...s.payments.flatMap((p) => [
      entry({
        id: p.id,
        kind: 'PATENT_PAYMENT',
        occurredAt: p.createdAt.toISOString(),
        actorId: p.actorId,
        text: `${p.months} month(s), ${p.amountRub} RUB, paid ${day(p.paidOn)}${p.reversedAt ? ' (reversed)' : ''}`,
        documentId: p.documentId,
      }),
      ...(p.reversedAt
        ? [
            entry({
              id: p.id,
              kind: 'PATENT_PAYMENT_REVERSED',
              occurredAt: p.reversedAt.toISOString(),
              actorId: p.reversedById,
              text: p.reversalReason,
              documentId: p.documentId,
            }),
          ]
        : []),
    ]),
    ...s.placements.map((p) =>
      entry({
        id: p.id,
        kind: 'PLACEMENT',
        occurredAt: p.createdAt.toISOString(),
        actorId: p.createdById,
        text: `placement from ${day(p.startDate)}${p.endDate ? ` to ${day(p.endDate)}` : ''} (${p.status})`,
        placementId: p.id,
        ...employer(p.employer),
        ...(viewer.seesLabourRequests
          ? {
              labourRequestId: p.labourRequest.id,
              labourRequest: { id: p.labourRequest.id, occupationCode: p.labourRequest.occupationCode, occupationTitle: p.labourRequest.occupation.title },
            }
          : {}),
      }),
    ),
    // each deadline at its due date: what is owed, and whether it was done
    ...s.deadlines.map((d) =>
      entry({
        id: d.id,
        kind: 'DEADLINE',
        occurredAt: `${day(d.dueDate)}T00:00:00.000Z`,
        actorId: null,
        text: `${d.kind} due ${day(d.dueDate)} (${d.status}${d.completedOn ? ` on ${day(d.completedOn)}` : ''})`,
        ...employer(d.employer),
      }),
    ),
  ];
  items.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id) || a.kind.localeCompare(b.kind));
  return { items };
}
