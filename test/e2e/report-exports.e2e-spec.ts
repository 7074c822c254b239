import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { EmployersService } from '../../src/employers/employers.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { JobName, QueueName } from '../../src/infra/queue/jobs';
import { FileStorage } from '../../src/infra/storage/file-storage';
import { LabourRequestsService } from '../../src/labour-requests/labour-requests.service';
import { QuotaAllocationsService } from '../../src/labour-requests/quota-allocations.service';
import { PlacementsService } from '../../src/placements/placements.service';
import { ReportExportsRepository } from '../../src/reports/exports/report-exports.repository';
import { createApprovedRequest, createSubmittedRequest, employerActor } from '../factories/labour-requests';
import { createRoleUsers, createUser, login, systemActor, validInn } from '../factories/users';
import { readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const YEAR = 2026;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EVIL = "=cmd|' /C calc'!A0";

type Cell = string | number | null;
interface MadeRequest {
  employer: { id: string; name: string; inn: string };
  occupation: string;
  citizenships: string[];
  requested: number;
  held: number;
  periodStart: string;
  periodEnd: string;
}

/** The body as one buffer (a file), or parsed when it is JSON (a problem document). */
const binary = (res: request.Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => {
    const body = Buffer.concat(chunks);
    cb(null, /json/.test(String(res.headers['content-type'])) ? JSON.parse(body.toString('utf8')) : body);
  });
};

/** A sheet's rows below the header as plain values: empty cells null, dates as `YYYY-MM-DD`. */
function sheetRows(sheet: ExcelJS.Worksheet, width: number): Cell[][] {
  const rows: Cell[][] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(
      Array.from({ length: width }, (_, i) => {
        const v = row.getCell(i + 1).value;
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return v.toISOString().slice(0, 10);
        return v as string | number;
      }),
    );
  });
  return rows;
}

/** A CSV of this project's dialect (`;`, quotes doubled, CRLF, decimal comma) back into cells of text. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) cell += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('report exports', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let otherStaff: { id: string; token: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const asOther = () => ({ Authorization: `Bearer ${otherStaff.token}` });
  const api = () => request(t.http);
  const made: MadeRequest[] = [];
  const placements: { id: string; startDate: string; wage: number; employer: string }[] = [];

  const post = (body: object, headers = as(Role.STAFF)) => api().post('/api/v1/report-exports').set(headers).send(body);
  const status = (id: string, headers = as(Role.STAFF)) => api().get(`/api/v1/report-exports/${id}`).set(headers);
  const file = (id: string, headers = as(Role.STAFF)) => api().get(`/api/v1/report-exports/${id}/file`).set(headers).buffer(true).parse(binary);

  /** Polls the export until it is DONE or FAILED. */
  async function finished(id: string, headers = as(Role.STAFF)) {
    const until = Date.now() + 30_000;
    for (;;) {
      const res = await status(id, headers).expect(200);
      if (['DONE', 'FAILED'].includes(res.body.status) || Date.now() > until) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function exported(body: object, headers = as(Role.STAFF)) {
    const created = await post(body, headers).expect(202);
    const done = await finished(created.body.id, headers);
    expect(done).toMatchObject({ status: 'DONE', progress: 100 });
    return { created: created.body, done, res: await file(done.id, headers).expect(200) };
  }

  async function workbook(buffer: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    return wb.worksheets[0];
  }

  async function employer(name: string) {
    const e = await t.app.get(EmployersService).create(systemActor(), { name, inn: validInn(), sector: 'CONSTRUCTION', okved: '41.20' });
    return { id: e.id, name, inn: e.inn };
  }

  beforeAll(async () => {
    // two rows per database read: the test's few placements take several batches, so progress moves in steps;
    // XLSX up to the 7 placements made here (one more is made in the last test)
    t = await createTestApp({
      AUTH_LOGIN_RATE_PER_MINUTE: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
      REPORT_EXPORT_BATCH_ROWS: '2',
      REPORT_EXPORT_XLSX_MAX_ROWS: '7',
    });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    const other = await createUser(t, Role.STAFF);
    otherStaff = { id: other.id, token: (await login(t, other.email, other.password)).accessToken };

    // allocations of the year: the overall one and the masons' (rows of the quota summary per allocation)
    await t.app.get(QuotaAllocationsService).create(systemActor(), { year: YEAR, occupationCode: null, citizenship: null, limit: 100 });
    await t.app.get(QuotaAllocationsService).create(systemActor(), { year: YEAR, occupationCode: '7112', citizenship: null, limit: 35 });
    const evil = await employer(EVIL);
    const builder = await employer('ООО "Омскстрой"; филиал');
    const track = (e: typeof evil, r: { id: string }, o: Omit<MadeRequest, 'employer'>) => (made.push({ employer: e, ...o }), r);

    const r1 = track(
      evil,
      await createApprovedRequest(t, evil.id, { occupationCode: '7112', preferredCitizenships: ['KG'], workersRequested: 5, approvedCount: 4 }),
      {
        occupation: '7112',
        citizenships: ['KG'],
        requested: 5,
        held: 4,
        periodStart: '2026-04-01',
        periodEnd: '2026-11-30',
      },
    );
    // the same employer and occupation again, another citizenship and period: one row of the commission's table
    track(
      evil,
      await createApprovedRequest(t, evil.id, {
        occupationCode: '7112',
        preferredCitizenships: ['UZ'],
        workersRequested: 2,
        periodStart: '2026-06-01',
        periodEnd: '2026-12-31',
      }),
      {
        occupation: '7112',
        citizenships: ['UZ'],
        requested: 2,
        held: 2,
        periodStart: '2026-06-01',
        periodEnd: '2026-12-31',
      },
    );
    const r3 = track(builder, await createApprovedRequest(t, builder.id, { occupationCode: '7212', preferredCitizenships: [], workersRequested: 3 }), {
      occupation: '7212',
      citizenships: [],
      requested: 3,
      held: 3,
      periodStart: '2026-04-01',
      periodEnd: '2026-11-30',
    });
    // approved, then withdrawn: its places go back
    const withdrawn = await createApprovedRequest(t, builder.id, {
      occupationCode: '9333',
      preferredCitizenships: ['TJ'],
      workersRequested: 6,
      approvedCount: 2,
    });
    await t.app.get(LabourRequestsService).withdraw(employerActor(builder.id), withdrawn.id);
    track(builder, withdrawn, { occupation: '9333', citizenships: ['TJ'], requested: 6, held: 0, periodStart: '2026-04-01', periodEnd: '2026-11-30' });
    // another year's request is in no 2026 table
    await createSubmittedRequest(t, builder.id, { occupationCode: '7112', workersRequested: 9, periodStart: '2025-04-01', periodEnd: '2025-10-31' });

    const place = async (r: { id: string }, e: string, startDate: string, wage: number) => {
      const w = await readyWorker(t, 'KG');
      const p = await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: r.id, workerId: w.id, startDate, monthlyWageRub: wage });
      placements.push({ id: p.id, startDate, wage, employer: e });
    };
    for (const [i, day] of ['2026-05-04', '2026-05-04', '2026-06-01', '2026-07-15'].entries()) await place(r1, EVIL, day, 60_000 + i * 1000);
    for (const [i, day] of ['2026-04-20', '2026-08-03', '2026-09-01'].entries()) await place(r3, 'ООО "Омскстрой"; филиал', day, 55_000 + i * 500);
  }, 180_000);
  afterAll(() => t?.close());

  describe('POST /report-exports', () => {
    it('answers 202 with the export QUEUED at 0 % and its expiry; the job runs it to DONE at 100 %', async () => {
      const res = await post({ type: 'wage-summary', format: 'csv', params: { year: YEAR } }).expect(202);
      expect(res.body).toMatchObject({
        type: 'wage-summary',
        format: 'csv',
        params: { year: YEAR },
        status: 'QUEUED',
        progress: 0,
        rowCount: null,
        downloadUrl: null,
        createdById: ctx.users.STAFF.id,
      });
      expect(new Date(res.body.expiresAt).getTime() - new Date(res.body.createdAt).getTime()).toBe(168 * 3_600_000);
      const done = await finished(res.body.id);
      expect(done).toMatchObject({
        status: 'DONE',
        progress: 100,
        errorCode: null,
        downloadUrl: `/api/v1/report-exports/${res.body.id}/file`,
        fileName: `wage-summary-${YEAR}-${res.body.id.slice(0, 8)}.csv`,
      });
      expect(new Date(done.expiresAt).getTime() - new Date(done.finishedAt).getTime()).toBe(168 * 3_600_000);
      // the request, its job in the outbox, and the audit row were written together
      expect(await prisma.outboxMessage.count({ where: { jobName: JobName.BuildReportExport, payload: { equals: { exportId: res.body.id } } } })).toBe(1);
      expect(await prisma.auditEvent.count({ where: { action: 'report-export.create', entityId: res.body.id, actorId: ctx.users.STAFF.id } })).toBe(1);
    });

    it.each([
      [{ type: 'complaints', format: 'csv', params: { year: YEAR } }, 'type'],
      [{ type: 'placements', format: 'pdf', params: { year: YEAR } }, 'format'],
      [{ type: 'placements', format: 'csv' }, 'params'],
      [{ type: 'placements', format: 'csv', params: 2026 }, 'params'],
      [{ type: 'placements', format: 'csv', params: {} }, 'params.year'],
      [{ type: 'placements', format: 'csv', params: { year: 1999 } }, 'params.year'],
      [{ type: 'commission-request-summary', format: 'xlsx', params: { year: 'next' } }, 'params.year'],
      [{ type: 'quota-summary', format: 'xlsx', params: { year: YEAR, groupBy: 'region' } }, 'params.groupBy'],
      [{ type: 'wage-summary', format: 'xlsx', params: { year: YEAR, groupBy: 'employer' } }, 'params.groupBy'],
      [{ type: 'placements', format: 'xlsx', params: { year: YEAR, groupBy: 'employer' } }, 'params.groupBy'],
      [{ type: 'deadline-compliance', format: 'xlsx', params: { year: YEAR, colour: 'red' } }, 'params.colour'],
    ])('%j → 400 naming %s', async (body, field) => {
      const before = await prisma.reportExport.count();
      const res = await post(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(await prisma.reportExport.count()).toBe(before);
    });
  });

  describe('XLSX: the file equals the JSON summary of the same parameters', () => {
    it.each([
      ['quota-summary', { year: YEAR }],
      ['quota-summary', { year: YEAR, groupBy: 'employer' }],
      ['wage-summary', { year: YEAR, groupBy: 'citizenship' }],
      ['deadline-compliance', { year: YEAR }],
    ])('%s %j', async (type, params) => {
      const { res, done } = await exported({ type, format: 'xlsx', params });
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${done.fileName}"`);
      expect(Number(res.headers['content-length'])).toBe(done.fileSize);
      const sheet = await workbook(res.body as Buffer);
      const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
      const json = (await api().get(`/api/v1/reports/${type}?${query}`).set(as(Role.STAFF)).expect(200)).body;
      let expected: Cell[][];
      if (type === 'quota-summary') {
        const figures = (f: Record<string, Cell>) => [f.limit, f.requested, f.approved, f.placed, f.endedEarly, f.remaining, f.usePercent];
        expected = [
          ...json.rows.map((r: Record<string, Cell>) => [r.allocationId, r.occupationCode, r.citizenship, r.groupKey, r.groupLabel, ...figures(r)]),
          [null, null, null, null, 'Итого по строкам', ...figures(json.totals)],
          [
            json.overall.allocationId,
            null,
            null,
            null,
            'Общий лимит года',
            json.overall.limit,
            null,
            json.overall.approved,
            null,
            null,
            json.overall.remaining,
            json.overall.usePercent,
          ],
        ];
        expect(json.rows.length).toBeGreaterThan(0);
      } else if (type === 'wage-summary') {
        expected = json.rows.map((r: Record<string, Cell>) => [
          r.key,
          r.label,
          r.count,
          r.medianRub,
          r.p10Rub,
          r.p90Rub,
          r.floorGapPercent,
          r.localWageRub,
          r.localGapPercent,
          r.atFloor,
          r.atFloorPercent,
        ]);
        expect(json.rows.length).toBeGreaterThan(0);
      } else {
        const counts = (c: Record<string, Cell>) => [c.due, c.onTime, c.late, c.missed, c.waived, c.open, c.onTimeRate];
        expected = [
          ...json.byKind.map((r: Record<string, Cell>) => ['По видам сроков', r.kind, null, null, ...counts(r)]),
          ...json.byEmployer.map((r: Record<string, Cell>) => ['По работодателям', null, r.employerId, r.employerName, ...counts(r)]),
          ['Итого', null, null, null, ...counts(json.totals)],
        ];
        expect(json.byKind.length).toBeGreaterThan(0);
      }
      const width = sheet.getRow(1).cellCount;
      expect(sheetRows(sheet, width)).toEqual(expected);
      expect(done.rowCount).toBe(expected.length);
      // the header row is frozen, bold, in Russian; columns have widths
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font).toMatchObject({ bold: true });
      expect(sheet.getRow(1).getCell(width).value).toEqual(expect.stringMatching(/[а-яА-Я]/));
      for (let c = 1; c <= width; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(10);
    });
  });

  describe('placements of a year, with progress in between', () => {
    it('reads the placements in batches, writes progress in steps while RUNNING, and ends at 100 % with every row', async () => {
      const repo = t.app.get(ReportExportsRepository);
      const setProgress = repo.setProgress.bind(repo);
      const seen: { status: string; progress: number }[] = [];
      // after each progress write, look at the export through the API, as a client polling it would
      const spy = jest.spyOn(repo, 'setProgress').mockImplementation(async (id, progress) => {
        await setProgress(id, progress);
        const res = await status(id).expect(200);
        seen.push({ status: res.body.status, progress: res.body.progress });
      });
      try {
        const { res, done } = await exported({ type: 'placements', format: 'xlsx', params: { year: YEAR } });
        expect(done.rowCount).toBe(placements.length);
        // 7 rows, 2 a batch: 28 %, 57 %, 85 %, then 100 % with the file
        expect(seen).toEqual([
          { status: 'RUNNING', progress: 28 },
          { status: 'RUNNING', progress: 57 },
          { status: 'RUNNING', progress: 85 },
        ]);
        const sheet = await workbook(res.body as Buffer);
        expect(sheet.name).toBe(`Трудоустройства ${YEAR}`);
        const rows = sheetRows(sheet, 15);
        // in order of start date, every placement once, its employer, start date (a date cell) and wage
        const expected = [...placements].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
        expect(rows.map((r) => [r[14], r[5], r[9], r[11], r[12]])).toEqual(expected.map((p) => [p.id, p.employer, p.startDate, 'Работает', p.wage]));
        expect(sheet.getRow(2).getCell(10).numFmt).toBe('dd.mm.yyyy');
        expect(sheet.getRow(2).getCell(13).numFmt).toBe('#,##0.00');
        // the worker's case number and name
        const first = await prisma.placement.findUniqueOrThrow({ where: { id: expected[0].id }, include: { worker: true } });
        expect(rows[0].slice(0, 3)).toEqual([first.worker.caseNumber, first.worker.lastNameCyr, first.worker.firstNameCyr]);
      } finally {
        spy.mockRestore();
      }
    });

    it('a year without placements: the header only, DONE at 100 %', async () => {
      const { res, done } = await exported({ type: 'placements', format: 'csv', params: { year: 2040 } });
      expect(done.rowCount).toBe(0);
      expect(parseCsv((res.body as Buffer).toString('utf8').slice(1))).toHaveLength(1);
    });
  });

  describe('CSV', () => {
    it("the commission's table: UTF-8 with a BOM, Russian headers, one row per employer and occupation, formulas escaped", async () => {
      const { res, done } = await exported({ type: 'commission-request-summary', format: 'csv', params: { year: YEAR } });
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="commission-request-summary-${YEAR}-${done.id.slice(0, 8)}.csv"`);
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(body.toString('utf8').slice(1));
      expect(header).toEqual([
        'Работодатель',
        'ИНН',
        'ОКВЭД',
        'Код ОКЗ',
        'Наименование профессии (ОКЗ)',
        'Запрошено работников',
        'Одобрено',
        'Гражданство',
        'Начало периода',
        'Окончание периода',
        'Заявок',
      ]);
      // computed here from the requests the test made
      const groups = new Map<string, MadeRequest[]>();
      for (const r of made) groups.set(`${r.employer.name}|${r.occupation}`, [...(groups.get(`${r.employer.name}|${r.occupation}`) ?? []), r]);
      const titles = Object.fromEntries((await prisma.occupation.findMany()).map((o) => [o.code, o.titleRu]));
      const expected = [...groups.values()]
        .map((rs) => {
          const codes = [...new Set(rs.flatMap((r) => r.citizenships))].sort();
          const any = rs.some((r) => r.citizenships.length === 0);
          const escaped = rs[0].employer.name.startsWith('=') ? `'${rs[0].employer.name}` : rs[0].employer.name;
          return [
            escaped,
            rs[0].employer.inn,
            '41.20',
            rs[0].occupation,
            titles[rs[0].occupation],
            String(rs.reduce((s, r) => s + r.requested, 0)),
            String(rs.reduce((s, r) => s + r.held, 0)),
            [...codes, ...(any ? ['любое'] : [])].join(', '),
            rs.map((r) => r.periodStart).sort()[0],
            rs
              .map((r) => r.periodEnd)
              .sort()
              .reverse()[0],
            String(rs.length),
          ];
        })
        .sort((a, b) => (a[0] === b[0] ? a[3].localeCompare(b[3]) : 0));
      expect(rows).toHaveLength(expected.length);
      expect(rows).toEqual(expect.arrayContaining(expected));
      // the `=cmd` employer is text in Excel, not a formula; the name with `;` and quotes survives quoting
      expect(body.toString('utf8')).toContain(`'=cmd|' /C calc'!A0;`);
      expect(body.toString('utf8')).toContain('"ООО ""Омскстрой""; филиал";');
      expect(rows.find((r) => r[0] === `'${EVIL}` && r[3] === '7112')).toEqual(expect.arrayContaining(['6', '6', 'KG, UZ', '2026-04-01', '2026-12-31', '2']));
    });

    it('numbers in the CSV carry the decimal comma', async () => {
      const { res } = await exported({ type: 'quota-summary', format: 'csv', params: { year: YEAR, groupBy: 'occupation' } });
      const text = (res.body as Buffer).toString('utf8');
      expect(text).toMatch(/;\d+,\d\r\n/);
      expect(text).not.toMatch(/;\d+\.\d/);
    });
  });

  describe('GET /report-exports/:id/file', () => {
    it('is written to the access log', async () => {
      const { done } = await exported({ type: 'deadline-compliance', format: 'csv', params: { year: YEAR } });
      await file(done.id, as(Role.ADMIN)).expect(200);
      const reads = await prisma.auditEvent.findMany({
        where: { kind: 'ACCESS', action: 'report-export.file.read', entityType: 'report-export', entityId: done.id },
      });
      expect(reads.map((a) => a.actorId).sort()).toEqual([ctx.users.ADMIN.id, ctx.users.STAFF.id].sort());
    });

    it('409 while it is not built yet, 409 when it failed', async () => {
      const now = new Date();
      const queued = await prisma.$transaction((tx) =>
        t.app.get(ReportExportsRepository).create(tx, {
          type: 'placements',
          format: 'CSV',
          params: { year: YEAR },
          createdById: ctx.users.STAFF.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + 3_600_000),
        }),
      );
      expect((await file(queued.id).expect(409)).body.code).toBe('REPORT_EXPORT_NOT_READY');
      await prisma.reportExport.update({ where: { id: queued.id }, data: { status: 'RUNNING', progress: 40 } });
      expect((await file(queued.id).expect(409)).body.code).toBe('REPORT_EXPORT_NOT_READY');
      await prisma.reportExport.update({ where: { id: queued.id }, data: { status: 'FAILED', errorCode: 'REPORT_EXPORT_BUILD_FAILED' } });
      expect((await file(queued.id).expect(409)).body.code).toBe('REPORT_EXPORT_FAILED');
      expect((await status(queued.id).expect(200)).body).toMatchObject({ status: 'FAILED', errorCode: 'REPORT_EXPORT_BUILD_FAILED', downloadUrl: null });
    });

    it('404 for an unknown or malformed id', async () => {
      expect((await file('00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('REPORT_EXPORT_NOT_FOUND');
      expect((await status('not-a-uuid').expect(404)).body.code).toBe('REPORT_EXPORT_NOT_FOUND');
    });
  });

  describe('expiry', () => {
    it('with the clock past expiresAt: 410 at once; the scheduled job marks it EXPIRED and deletes the file; a younger export stays', async () => {
      const { done } = await exported({ type: 'placements', format: 'csv', params: { year: YEAR } });
      const { fileKey } = await prisma.reportExport.findUniqueOrThrow({ where: { id: done.id } });
      const storage = t.app.get(FileStorage);
      expect(await storage.exists(fileKey!)).toBe(true);
      const clock = t.app.get(Clock);
      const later = new Date(new Date(done.expiresAt).getTime() + 60_000);
      const travel = jest.spyOn(clock, 'now').mockReturnValue(later);
      try {
        // an hour before its expiry the file is there; a minute after, it is gone before the job runs
        travel.mockReturnValue(new Date(new Date(done.expiresAt).getTime() - 3_600_000));
        await file(done.id).expect(200);
        travel.mockReturnValue(later);
        const gone = await file(done.id).expect(410);
        expect(gone.body).toMatchObject({ code: 'REPORT_EXPORT_EXPIRED', status: 410 });
        // one made now (on the travelled clock) expires a week later
        const young = await exported({ type: 'wage-summary', format: 'xlsx', params: { year: YEAR } });

        await t.app.get<Queue>(getQueueToken(QueueName.ReportExports)).add(JobName.ExpireReportExports, {});
        const until = Date.now() + 20_000;
        while ((await status(done.id).expect(200)).body.status !== 'EXPIRED' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        expect((await status(done.id).expect(200)).body).toMatchObject({ status: 'EXPIRED', downloadUrl: null });
        expect(await storage.exists(fileKey!)).toBe(false);
        expect((await file(done.id).expect(410)).body.code).toBe('REPORT_EXPORT_EXPIRED');
        expect((await status(young.done.id).expect(200)).body.status).toBe('DONE');
        await file(young.done.id).expect(200);
      } finally {
        travel.mockRestore();
      }
    });

    it('the expiry job is scheduled hourly with a stable id', async () => {
      const schedulers = await t.app.get<Queue>(getQueueToken(QueueName.ReportExports)).getJobSchedulers();
      expect(schedulers).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: 'expire-report-exports', every: 3_600_000, name: JobName.ExpireReportExports })]),
      );
    });
  });

  describe('access', () => {
    let mine: string;
    beforeAll(async () => {
      mine = (await exported({ type: 'wage-summary', format: 'csv', params: { year: YEAR } })).done.id;
    });

    it("another staff member's export is not found (404) on every route; an administrator sees it", async () => {
      expect((await status(mine, asOther()).expect(404)).body.code).toBe('REPORT_EXPORT_NOT_FOUND');
      expect((await file(mine, asOther()).expect(404)).body.code).toBe('REPORT_EXPORT_NOT_FOUND');
      await status(mine, as(Role.ADMIN)).expect(200);
      await file(mine, as(Role.ADMIN)).expect(200);
    });

    it("lists: each staff member their own, administrators everyone's, newest first, with cursors", async () => {
      const theirs = (await post({ type: 'placements', format: 'csv', params: { year: YEAR } }, asOther()).expect(202)).body.id;
      const ownList = (await api().get('/api/v1/report-exports?limit=200').set(as(Role.STAFF)).expect(200)).body;
      expect(ownList.items.map((e: { id: string }) => e.id)).toContain(mine);
      expect(ownList.items.every((e: { createdById: string }) => e.createdById === ctx.users.STAFF.id)).toBe(true);
      const otherList = (await api().get('/api/v1/report-exports').set(asOther()).expect(200)).body;
      expect(otherList.items.map((e: { id: string }) => e.id)).toEqual([theirs]);
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; createdAt: string }[]; nextCursor: string | null } = (
          await api()
            .get(`/api/v1/report-exports?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
            .set(as(Role.ADMIN))
            .expect(200)
        ).body;
        all.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(all).toHaveLength(await prisma.reportExport.count());
      expect(all).toEqual(expect.arrayContaining([mine, theirs]));
      expect(
        (await api().get('/api/v1/report-exports?status=DONE').set(as(Role.STAFF)).expect(200)).body.items.every(
          (e: { status: string }) => e.status === 'DONE',
        ),
      ).toBe(true);
      expect((await api().get('/api/v1/report-exports?cursor=forged').set(as(Role.STAFF)).expect(400)).body.code).toBe('INVALID_CURSOR');
    });

    it('LIAISON and EMPLOYER: 403 on every route', async () => {
      for (const role of [Role.LIAISON, Role.EMPLOYER]) {
        const answers = [
          await post({ type: 'placements', format: 'csv', params: { year: YEAR } }, as(role)),
          await api().get('/api/v1/report-exports').set(as(role)),
          await status(mine, as(role)),
          await file(mine, as(role)),
        ];
        expect(answers.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([403, 'FORBIDDEN']));
      }
    });
  });

  describe('an XLSX larger than REPORT_EXPORT_XLSX_MAX_ROWS', () => {
    it('FAILS with REPORT_EXPORT_TOO_LARGE without retrying; the same rows as CSV are DONE', async () => {
      const r = await createApprovedRequest(t, ctx.employer.id, { occupationCode: '7112', preferredCitizenships: ['KG'], workersRequested: 1 });
      const w = await readyWorker(t, 'KG');
      await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: r.id, workerId: w.id, startDate: '2026-10-01', monthlyWageRub: 58_000 });
      const created = await post({ type: 'placements', format: 'xlsx', params: { year: YEAR } }).expect(202);
      const failed = await finished(created.body.id);
      expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'REPORT_EXPORT_TOO_LARGE', downloadUrl: null, rowCount: null });
      expect((await file(created.body.id).expect(409)).body.code).toBe('REPORT_EXPORT_FAILED');
      const csv = await exported({ type: 'placements', format: 'csv', params: { year: YEAR } });
      expect(csv.done.rowCount).toBe(placements.length + 1);
    });
  });
});
