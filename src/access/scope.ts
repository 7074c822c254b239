import type { Actor } from './actor';
import { Role } from './permissions';

/**
 * Layer two of authorisation: the record scope a query must apply. An employer user sees only its
 * own organisation's records; a liaison officer only its agencies'. Out-of-scope records are simply
 * not found (404), never 403.
 */
export interface RecordScope {
  /** Restrict to this employer's records. */
  employerId?: string;
  /** Restrict to records linked to one of these partner agencies. */
  agencyIds?: string[];
}

export function scopeOf(actor: Actor): RecordScope {
  switch (actor.role) {
    case Role.EMPLOYER:
      // an employer user always has an employer (database check); a missing one must match nothing
      return { employerId: actor.employerId ?? '00000000-0000-0000-0000-000000000000' };
    case Role.LIAISON:
      return { agencyIds: actor.agencyIds };
    default:
      return {};
  }
}
