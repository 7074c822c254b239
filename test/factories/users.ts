import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Actor } from '../../src/access/actor';
import { Role } from '../../src/access/permissions';
import { AuthService } from '../../src/auth/auth.service';
import { EmployersService } from '../../src/employers/employers.service';
import { PartnerAgenciesService } from '../../src/partner-agencies/partner-agencies.service';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from '../support/app';

export const DEFAULT_PASSWORD = 'Mountains-of-Altai-2026';

export const systemActor = (id = '00000000-0000-4000-8000-000000000000'): Actor => ({
  id,
  role: Role.ADMIN,
  employerId: null,
  agencyIds: [],
  sessionId: randomUUID(),
  requestId: 'factory',
  ip: '127.0.0.1',
});

/** A random 10-digit INN with correct check digit. */
export function validInn(): string {
  const d = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  return d.join('') + String((w.reduce((s, k, i) => s + k * d[i], 0) % 11) % 10);
}

export async function createEmployer(t: TestApp, name = `Employer ${randomUUID().slice(0, 8)}`) {
  return t.app.get(EmployersService).create(systemActor(), { name, inn: validInn(), sector: 'CONSTRUCTION', okved: '41.20' });
}

export async function createAgency(t: TestApp, name = `Agency ${randomUUID().slice(0, 8)}`, country = 'UZ') {
  return t.app.get(PartnerAgenciesService).create(systemActor(), { name, country });
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  password: string;
  employerId: string | null;
  agencyIds: string[];
}

/** A user created through UsersService, with a password set through the one-time token flow. */
export async function createUser(
  t: TestApp,
  role: Role,
  links: { employerId?: string; agencyIds?: string[] } = {},
  password = DEFAULT_PASSWORD,
): Promise<TestUser> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.example`;
  const created = await t.app
    .get(UsersService)
    .create(systemActor(), { email, fullName: `Test ${role}`, role, employerId: links.employerId, agencyIds: links.agencyIds });
  await t.app.get(AuthService).completeReset(created.passwordSetup.token, password, { requestId: 'factory', ip: '127.0.0.1' });
  return { id: created.id, email, role, password, employerId: created.employerId, agencyIds: created.agencyIds };
}

export async function login(t: TestApp, email: string, password: string) {
  const res = await request(t.http).post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; expiresIn: number };
}

/** A fresh user of the role, signed in: its access token beside it. */
export async function signedInUser(t: TestApp, role: Role, links: { employerId?: string; agencyIds?: string[] } = {}): Promise<TestUser & { token: string }> {
  const user = await createUser(t, role, links);
  return { ...user, token: (await login(t, user.email, user.password)).accessToken };
}

/** A user of each role (the employer and liaison linked to fresh records) with access tokens. */
export async function createRoleUsers(t: TestApp) {
  const employer = await createEmployer(t);
  const otherEmployer = await createEmployer(t);
  const agency = await createAgency(t);
  const users = {
    ADMIN: await createUser(t, Role.ADMIN),
    STAFF: await createUser(t, Role.STAFF),
    LIAISON: await createUser(t, Role.LIAISON, { agencyIds: [agency.id] }),
    EMPLOYER: await createUser(t, Role.EMPLOYER, { employerId: employer.id }),
  };
  const tokens = {} as Record<Role, string>;
  for (const role of Object.values(Role)) tokens[role] = (await login(t, users[role].email, users[role].password)).accessToken;
  return { users, tokens, employer, otherEmployer, agency };
}
