import type { INestApplicationContext } from '@nestjs/common';
import { Role } from '../access/permissions';
import { Clock } from '../infra/clock/clock';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/config';
import { EmployersService } from '../employers/employers.service';
import { UsersService } from '../users/users.service';
import { seedReferenceData } from '../reference/reference.seed';
import { DEMO_AGENCIES, DEMO_EMPLOYERS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { SeedRepository } from './seed.repository';
import { seedDemoWorkers } from './demo-workers';
import { seedDemoRecruitment } from './demo-recruitment';
import type { Actor } from '../access/actor';
import { DeadlinesService } from '../deadlines/deadlines.service';

export interface SeedResult {
  /** Lines to print for people who start the system: demo logins. */
  logins: string[];
  /** Demo data that could not be made (the system starts all the same). */
  warnings: string[];
}

const SEED_ACTOR = {
  id: '00000000-0000-4000-8000-000000000001',
  role: Role.ADMIN,
  employerId: null,
  agencyIds: [],
  sessionId: '00000000-0000-4000-8000-000000000001',
  requestId: 'seed',
  ip: 'local',
};

/**
 * Seeds reference data always (before anything else), then demo data unless DEMO_DATA=false.
 * Idempotent: a record that exists is left alone, so every replica may run it at start.
 */
export async function runSeeds(app: INestApplicationContext, config: AppConfig): Promise<SeedResult> {
  const logins: string[] = [];
  const admin = config.generatedSecrets.includes('BOOTSTRAP_ADMIN_PASSWORD') ? config.bootstrapAdmin.password : '(BOOTSTRAP_ADMIN_PASSWORD)';
  logins.push(`ADMIN    ${config.bootstrapAdmin.email} / ${admin}`);
  await seedReferenceData(app);
  // real data may be large: its deadlines are computed in the background once the API listens (main.ts)
  if (!config.demoData) return { logins, warnings: [] };

  const repo = app.get(SeedRepository, { strict: false });
  const employers = app.get(EmployersService, { strict: false });
  const users = app.get(UsersService, { strict: false });
  const auth = app.get(AuthService, { strict: false });

  const agencyIds = [];
  for (const a of DEMO_AGENCIES) agencyIds.push(await repo.ensureAgency(a.name, a.country));
  const employerIds = [];
  for (const e of DEMO_EMPLOYERS) {
    employerIds.push((await repo.employerIdByInn(e.inn)) ?? (await employers.create(SEED_ACTOR, e)).id);
  }
  if (!(await repo.anyWorker())) {
    await seedDemoWorkers(app, SEED_ACTOR, agencyIds, app.get(Clock, { strict: false }).now().toISOString().slice(0, 10));
  }
  for (const u of DEMO_USERS) {
    if (!(await repo.userExists(u.email))) {
      const links = u.role === 'EMPLOYER' ? { employerId: employerIds[0] } : u.role === 'LIAISON' ? { agencyIds: agencyIds.slice(0, 2) } : {};
      const created = await users.create(SEED_ACTOR, { ...u, role: u.role as Role, ...links });
      await auth.completeReset(created.passwordSetup.token, DEMO_PASSWORD, { requestId: 'seed', ip: 'local' });
    }
    logins.push(`${u.role.padEnd(8)} ${u.email} / ${DEMO_PASSWORD}`);
  }
  const warnings: string[] = [];
  if (!(await repo.anyLabourRequest())) {
    const today = app.get(Clock, { strict: false }).now().toISOString().slice(0, 10);
    const as = async (email: string, links: Partial<Actor>): Promise<Actor> => ({ ...SEED_ACTOR, id: (await repo.userIdByEmail(email))!, ...links });
    const actors = {
      admin: await as(config.bootstrapAdmin.email, { role: Role.ADMIN }),
      staff: await as('staff@centre.example', { role: Role.STAFF }),
      liaison: await as('liaison@centre.example', { role: Role.LIAISON, agencyIds: agencyIds.slice(0, 2) }),
      employer: await as('employer@centre.example', { role: Role.EMPLOYER, employerId: employerIds[0] }),
    };
    try {
      await seedDemoRecruitment(app, { actors, employerIds, agencyIds, today });
    } catch (e) {
      // e.g. no МРОТ entered for this year yet: the demo stops there, the system starts all the same
      warnings.push(`demo labour requests incomplete: ${(e as Error).message}`);
    }
  }
  // the demo's deadlines before the first request, so that the first scan reminds of them
  await app.get(DeadlinesService, { strict: false }).backfill();
  return { logins, warnings };
}
