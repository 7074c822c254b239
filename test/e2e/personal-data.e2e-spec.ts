import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { FileStorage } from '../../src/infra/storage/file-storage';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 1)]);

describe('data-subject rights: export and erasure', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', DATA_DIR: `/tmp/omsk-erasure-${process.pid}` });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  // a passport number belongs to one dossier: each test's person has their own
  async function workerWithPapers(passportNumber: string) {
    const w = await createWorker(t, {
      lastNameCyr: 'Назаров',
      firstNameCyr: 'Шерзод',
      lastNameLat: 'NAZAROV',
      firstNameLat: 'SHERZOD',
      phone: '+998901234567',
    });
    const d = await t.app
      .get(DocumentsService)
      .create(systemActor(), w.id, { type: 'PASSPORT', number: passportNumber, issuedOn: '2021-01-01', expiresOn: '2031-01-01', issuer: 'IIV' });
    await request(t.http)
      .put(`/api/v1/workers/${w.id}/documents/${d.id}/file`)
      .set(as(Role.STAFF))
      .set('Content-Type', 'application/pdf')
      .send(PDF)
      .expect(200);
    return { w, d };
  }

  it('exports everything held on the person, including who read it', async () => {
    const { w } = await workerWithPapers('FA9988776');
    await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).expect(200);
    const res = await request(t.http).get(`/api/v1/workers/${w.id}/export`).set(as(Role.STAFF)).expect(200);
    expect(res.body.worker).toMatchObject({ id: w.id, lastNameLat: 'NAZAROV', phone: '+998901234567' });
    expect(res.body.documents[0]).toMatchObject({ type: 'PASSPORT', number: 'FA9988776' });
    expect(res.body.accessLog.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['worker.create', 'worker.read']));
    await request(t.http).get(`/api/v1/workers/${w.id}/export`).set(as(Role.LIAISON)).expect(403);
  });

  it('erasure needs the case number repeated, then destroys personal data and files, keeping statistics', async () => {
    const { w } = await workerWithPapers('FA9988775');
    const prisma = t.app.get(PrismaService);
    const key = (await prisma.workerDocument.findFirstOrThrow({ where: { workerId: w.id } })).fileKey!;
    const wrong = await request(t.http).post(`/api/v1/workers/${w.id}/erasure`).set(as(Role.ADMIN)).send({ confirmCaseNumber: 'OMS-0000-000000' }).expect(422);
    expect(wrong.body.code).toBe('ERASURE_NOT_CONFIRMED');
    await request(t.http).post(`/api/v1/workers/${w.id}/erasure`).set(as(Role.STAFF)).send({ confirmCaseNumber: w.caseNumber }).expect(403);
    const ok = await request(t.http).post(`/api/v1/workers/${w.id}/erasure`).set(as(Role.ADMIN)).send({ confirmCaseNumber: w.caseNumber }).expect(200);
    expect(ok.body).toMatchObject({ caseNumber: w.caseNumber, filesDeleted: 1 });
    await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.ADMIN)).expect(404);
    await request(t.http).post(`/api/v1/workers/${w.id}/erasure`).set(as(Role.ADMIN)).send({ confirmCaseNumber: w.caseNumber }).expect(404);
    const raw = JSON.stringify(
      await prisma.$queryRawUnsafe(`SELECT w.*, d.* FROM workers w LEFT JOIN worker_documents d ON d.worker_id = w.id WHERE w.id = '${w.id}'`),
    );
    expect(raw).not.toMatch(/NAZAROV|Назаров|SHERZOD|998901234567|FA9988775/);
    expect(await t.app.get(FileStorage).exists(key)).toBe(false);
    const stats = await prisma.worker.findUniqueOrThrow({ where: { id: w.id } });
    expect(stats).toMatchObject({ citizenship: 'UZ', sex: 'MALE', occupations: ['bricklayer'] });
    const search = await request(t.http).get('/api/v1/workers?q=Nazarov').set(as(Role.STAFF)).expect(200);
    expect(search.body.items.map((i: { id: string }) => i.id)).not.toContain(w.id);
    expect(await prisma.auditEvent.count({ where: { entityId: w.id, action: 'worker.erase' } })).toBe(1);
  });
});
