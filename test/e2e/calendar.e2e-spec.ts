import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { CalendarService } from '../../src/reference/calendar.service';
import { addWorkingDays } from '../../src/deadlines/calendar.rules';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers } from '../factories/users';

describe('production calendar (GET, PUT /reference/calendar/:year)', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('is seeded for 2025–2027 and readable by every role; 2027 is marked to verify', async () => {
    for (const role of [Role.ADMIN, Role.STAFF, Role.LIAISON, Role.EMPLOYER]) {
      const res = await request(t.http).get('/api/v1/reference/calendar/2026').set(as(role)).expect(200);
      expect(res.body).toMatchObject({ year: 2026, workingDays: 247, verify: false, source: expect.stringContaining('1466') });
      expect(res.body.days).toContainEqual({ date: '2026-01-09', working: false, note: expect.stringContaining('3 January') });
    }
    expect((await request(t.http).get('/api/v1/reference/calendar/2025').set(as(Role.STAFF)).expect(200)).body).toMatchObject({ workingDays: 247 });
    expect((await request(t.http).get('/api/v1/reference/calendar/2027').set(as(Role.STAFF)).expect(200)).body.verify).toBe(true);
  });

  it('answers 404 CALENDAR_NOT_FOUND for a year not entered, 400 for a year out of range', async () => {
    const res = await request(t.http).get('/api/v1/reference/calendar/2040').set(as(Role.STAFF)).expect(404);
    expect(res.body.code).toBe('CALENDAR_NOT_FOUND');
    await request(t.http).get('/api/v1/reference/calendar/1999').set(as(Role.STAFF)).expect(400);
    await request(t.http).get('/api/v1/reference/calendar/twenty').set(as(Role.STAFF)).expect(400);
  });

  it('an administrator enters a year; the working-day arithmetic follows it; the change is audited', async () => {
    const calendar = () => t.app.get(CalendarService).calendar();
    await expect(calendar().then((c) => addWorkingDays(c, '2030-12-30', 1))).rejects.toThrow(/2030/);
    const days = [
      { date: '2031-01-01', working: false, note: 'New Year' },
      { date: '2031-01-02', working: false },
      { date: '2031-01-04', working: true, note: 'working Saturday' },
    ];
    const res = await request(t.http).put('/api/v1/reference/calendar/2031').set(as(Role.ADMIN)).send({ source: 'test decree', days }).expect(200);
    expect(res.body).toMatchObject({
      year: 2031,
      version: 1,
      verify: false,
      days: [
        { date: '2031-01-01', note: 'New Year' },
        { date: '2031-01-02', note: '' },
        { date: '2031-01-04', working: true },
      ],
    });
    await request(t.http).put('/api/v1/reference/calendar/2030').set(as(Role.ADMIN)).send({ source: 'weekends only', days: [] }).expect(200);
    // Tue 31 Dec 2030 → Wed 1 and Thu 2 Jan off → Fri 3 Jan, Sat 4 Jan working
    expect(addWorkingDays(await calendar(), '2030-12-31', 2)).toBe('2031-01-04');
    const again = await request(t.http)
      .put('/api/v1/reference/calendar/2031')
      .set(as(Role.ADMIN))
      .send({ source: 'corrected', verify: true, days: days.slice(0, 1) })
      .expect(200);
    expect(again.body).toMatchObject({ version: 2, verify: true, days: [{ date: '2031-01-01' }] });
    const audit = await t.app.get(PrismaService).auditEvent.findMany({ where: { entityType: 'calendar_year', entityId: '2031' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['calendar.create', 'calendar.update']);
  });

  it.each([
    [{ date: '2031-02-30', working: false }, 'days[0].date', /real date/],
    [{ date: '2032-01-01', working: false }, 'days[0].date', /day of 2031/],
    [{ date: '31.01.2031', working: false }, 'days[0].date', /date like/],
    [{ date: '2031-01-06', working: true }, 'days[0].date', /already a working weekday/],
    [{ date: '2031-01-05', working: false }, 'days[0].date', /already a weekend day off/],
  ])('refuses %j with 400 naming the day', async (day, field, message) => {
    const res = await request(t.http)
      .put('/api/v1/reference/calendar/2031')
      .set(as(Role.ADMIN))
      .send({ source: 'x', days: [day] })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('refuses a day listed twice, and keeps the year as it was', async () => {
    const before = await request(t.http).get('/api/v1/reference/calendar/2026').set(as(Role.ADMIN)).expect(200);
    const res = await request(t.http)
      .put('/api/v1/reference/calendar/2026')
      .set(as(Role.ADMIN))
      .send({
        source: 'x',
        days: [
          { date: '2026-01-01', working: false },
          { date: '2026-01-01', working: false },
        ],
      })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'days[1].date', message: expect.stringMatching(/twice/) }]);
    expect((await request(t.http).get('/api/v1/reference/calendar/2026').set(as(Role.ADMIN)).expect(200)).body).toEqual(before.body);
  });

  it('only administrators write: 403 for the other roles', async () => {
    for (const role of [Role.STAFF, Role.LIAISON, Role.EMPLOYER]) {
      await request(t.http).put('/api/v1/reference/calendar/2031').set(as(role)).send({ source: 'x', days: [] }).expect(403);
    }
  });

  it('the database refuses a day filed under another year', async () => {
    await expect(
      t.app.get(PrismaService).$executeRawUnsafe(`INSERT INTO calendar_days (date, year, working) VALUES ('2026-03-03', 2025, false)`),
    ).rejects.toThrow(/calendar_days_in_its_year/);
  });
});
