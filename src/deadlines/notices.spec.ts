import { deadlineMail, noticeLanguage, workerNotice, writtenDate } from './notices';

describe('worker notices in the five languages', () => {
  const v = { name: 'Akmal Karimov', dueDate: '2026-03-17', caseNumber: 'OMS-2026-000123' };

  it.each([
    ['ru', 'Встать на миграционный учёт (уведомление о прибытии): 17 марта 2026 г.', 'Срок: до 17 марта 2026 г. включительно.'],
    ['uz', 'Migratsiya hisobiga turish (kelganlik haqida xabarnoma): 17-mart, 2026', 'Muddat: 17-mart, 2026 (shu kun ham kiradi).'],
    ['tg', 'Ба қайди муҳоҷиратӣ гузаштан (огоҳинома дар бораи омадан): 17 Март 2026', 'Мӯҳлат: то 17 Март 2026 (ҳамин рӯз ҳам).'],
    ['ky', 'Миграциялык каттоодон өтүү (келгендиги тууралуу билдирме): 2026-ж., 17-март', 'Мөөнөтү: 2026-ж., 17-март чейин (ошол күн да кирет).'],
    ['en', 'Register your stay (migration registration): 17 March 2026', 'Deadline: 17 March 2026 at the latest.'],
  ] as const)('%s', (language, title, dueLine) => {
    const notice = workerNotice('MIGRATION_REGISTRATION', language, v);
    expect(notice.title).toBe(title);
    expect(notice.body.split('\n')).toContain(dueLine);
    expect(notice.body).toContain('OMS-2026-000123');
  });

  it('every kind of the worker’s own has words in every language', () => {
    for (const kind of [
      'MIGRATION_REGISTRATION',
      'MEDICAL_EXAM',
      'PATENT_APPLICATION',
      'PATENT_PAYMENT',
      'CONTRACT_COPY',
      'DOCUMENT_EXPIRY',
      'STATUS_CLIFF',
    ] as const) {
      for (const language of ['ru', 'uz', 'tg', 'ky', 'en'] as const) expect(workerNotice(kind, language, v).title).not.toContain('undefined');
    }
  });

  it.each([
    [['uz', 'ru'], 'uz'],
    [['RU'], 'ru'],
    [['fa', 'tg'], 'tg'],
    [['de'], 'ru'],
    [[], 'ru'],
  ])('the dossier’s languages %j → %s', (languages, expected) => {
    expect(noticeLanguage(languages)).toBe(expected);
  });

  it('writes dates as each language does', () => {
    expect(writtenDate('2026-01-09', 'ru')).toBe('9 января 2026 г.');
    expect(writtenDate('2026-01-09', 'en')).toBe('9 January 2026');
  });
});

describe('reminder e-mails', () => {
  const v = { kind: 'CONTRACT_NOTIFICATION' as const, dueDate: '2026-06-16', caseNumber: 'OMS-2026-000123', employer: 'ООО Стройка' };
  it.each([
    ['ru', 1, 'Срок через 1 день: уведомление МВД о заключении договора — OMS-2026-000123'],
    ['ru', 2, 'Срок через 2 дня: уведомление МВД о заключении договора — OMS-2026-000123'],
    ['ru', 11, 'Срок через 11 дней: уведомление МВД о заключении договора — OMS-2026-000123'],
    ['ru', 0, 'Срок сегодня: уведомление МВД о заключении договора — OMS-2026-000123'],
    ['en', 3, 'Due in 3 days: MVD notice of a contract concluded — OMS-2026-000123'],
    ['en', -1, 'Missed: MVD notice of a contract concluded — OMS-2026-000123'],
  ] as const)('%s, %i days', (language, lead, subject) => {
    const mail = deadlineMail(language, { ...v, lead });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain('ООО Стройка');
  });
});
