import type { TestApp } from '../../support/app';
import type { createRoleUsers } from '../../factories/users';

export type BaseCtx = Awaited<ReturnType<typeof createRoleUsers>>;

export interface Row<C> {
  /** The request that succeeds for a role that holds the route's permission. */
  path: (c: C) => string;
  body?: (c: C) => object;
  /** Extra request headers (e.g. If-Match on a PATCH that requires it). */
  headers?: (c: C) => Record<string, string>;
  contentType?: string;
  ok: number;
  /** What an employer that holds the permission gets: the record is outside its scope. */
  employer?: number;
  /** Other answers accepted for a later role that holds the permission (a state already moved by an earlier role); never for the first. */
  alsoOk?: number[];
}

/**
 * The matrix rows of one area of the API, with the records they need. `setup` runs once; what it
 * returns is merged into the context every row receives. Rows are requested in the order
 * ADMIN, STAFF, LIAISON, EMPLOYER, each role after the previous one.
 */
export interface MatrixArea<C extends object> {
  setup: (t: TestApp, base: BaseCtx) => Promise<C>;
  rows: Record<string, Row<BaseCtx & C>>;
}

export const defineArea = <C extends object>(area: MatrixArea<C>): MatrixArea<C> => area;
