/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createRoleUsers } from '../factories/users';
import { createTestApp, TestApp } from '../support/app';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CODE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

/**
 * The public complaint page in a real headless browser, as a worker's phone would use it: the form
 * in Uzbek with JavaScript off (errors, then a receipt, then the status with a message), and in
 * Russian chosen by the visible switch (a message from the Centre shows on the status).
 */
describe('the complaint page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // fail loudly, never skip: CI must have the browser
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    ctx = await createRoleUsers(t);
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(locale: string, javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({ locale, javaScriptEnabled });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    return page;
  }

  const textOf = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();

  it('in Uzbek (from Accept-Language), without JavaScript: errors in Uzbek with the values kept, a receipt, the status, a message', async () => {
    const page = await open('uz-UZ', false);
    const res = await page.goto(`${base}/complaint`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("form-action 'self'");
    expect(await page.getAttribute('html', 'lang')).toBe('uz-Latn');
    expect(await textOf(page, 'h1')).toBe('Markazga shikoyat');
    // the inline style is applied under the policy (by its hash)
    expect(await page.locator('button[type=submit]').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(11, 87, 208)');

    // posted without a category: the form again, the error in Uzbek, what was typed kept
    await page.fill('#narrative', 'Ikki oydan beri ish haqi berilmayapti.');
    await page.click('#submit');
    expect(await textOf(page, '#errors')).toContain('Nima bo‘lganini tanlang.');
    expect(await page.inputValue('#narrative')).toBe('Ikki oydan beri ish haqi berilmayapti.');

    await page.selectOption('#category', 'UNPAID_WAGES');
    await page.fill('#place', 'Omsk, Lenina 5');
    await page.click('#submit');
    expect(await textOf(page, 'h1')).toBe('Shikoyat qabul qilindi');
    const reference = await textOf(page, '#reference');
    const code = await textOf(page, '#access-code');
    expect(reference).toMatch(/^C-\d{4}-[2-9A-HJ-NP-Z]{6}$/);
    expect(code).toMatch(CODE);
    expect(page.url()).not.toContain(code);

    await page.click('a[href^="/complaint/status"]');
    expect(await textOf(page, 'h1')).toBe('Shikoyatimning holati');
    await page.fill('#reference', reference);
    await page.fill('#code', code.toLowerCase());
    await page.click('#show');
    expect(await textOf(page, '#status')).toBe('Qabul qilindi');
    expect(await textOf(page, '#messages')).toBe('Hozircha xabarlar yo‘q.');
    await page.fill('#message', 'Iltimos, kechqurun qo‘ng‘iroq qiling.');
    await page.click('#send');
    expect(await textOf(page, '#notice')).toBe('Xabar yuborildi.');
    expect(await textOf(page, '#messages')).toContain('Iltimos, kechqurun qo‘ng‘iroq qiling.');
    expect(page.url()).not.toContain(code);
    expect(page.url()).not.toContain(code.toLowerCase());

    // a wrong code: the same form again, in Uzbek
    await page.goto(`${base}/complaint/status`);
    await page.fill('#reference', reference);
    await page.fill('#code', 'AAAAA-AAAAA-AAAAA-AAAAA');
    await page.click('#show');
    expect(await textOf(page, '#errors')).toContain('Bunday raqam va kodli shikoyat topilmadi');
    await page.context().close();
  }, 120_000);

  it('in Russian chosen by the switch: a receipt, and a message from the Centre on the status page', async () => {
    const page = await open('en-GB', true);
    await page.goto(`${base}/complaint`);
    expect(await textOf(page, 'h1')).toBe('Complaint to the Centre');
    await page.click('nav.langs >> text=Русский');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await textOf(page, 'h1')).toBe('Жалоба в Центр');
    await page.selectOption('#category', 'DOCUMENT_CONFISCATION');
    await page.fill('#narrative', 'Бригадир забрал паспорта у всей бригады.');
    await page.check('#wantsContact');
    await page.fill('#contact', 'Telegram @brigada_omsk');
    await page.click('#submit');
    expect(await textOf(page, 'h1')).toBe('Жалоба принята');
    const reference = await textOf(page, '#reference');
    const code = await textOf(page, '#access-code');
    expect(code).toMatch(CODE);

    // staff write to the complainant
    const [row] = await t.app.get(PrismaService).$queryRaw<
      { id: string; severity: string; language: string }[]
    >`SELECT id, severity::text, language FROM complaints WHERE reference = ${reference}`;
    expect(row).toMatchObject({ severity: 'CRITICAL', language: 'ru' });
    await request(t.http)
      .post(`/api/v1/complaints/${row.id}/notes`)
      .set('Authorization', `Bearer ${ctx.tokens[Role.STAFF]}`)
      .send({ text: 'Мы получили вашу жалобу. Позвоним вам сегодня.', toComplainant: true })
      .expect(201);

    await page.click('a[href^="/complaint/status"]');
    await page.fill('#reference', reference);
    await page.fill('#code', code);
    await page.click('#show');
    expect(await textOf(page, '#status')).toBe('Получена');
    expect(await textOf(page, '#messages')).toContain('Центр');
    expect(await textOf(page, '#messages')).toContain('Мы получили вашу жалобу. Позвоним вам сегодня.');
    await page.context().close();
    expect(cspViolations).toEqual([]);
  }, 120_000);
});
