/**
 * The words of reminders and notices (pure): a worker's notice of an obligation in their own
 * language (ru, uz in Latin script, tg, ky, en), and the e-mails to staff and employers (ru, en).
 * Templates are Handlebars, compiled once; dates are written the way each language writes them.
 */
import Handlebars from 'handlebars';
import type { DeadlineKind } from './deadline-rules';

export const NOTICE_LANGUAGES = ['ru', 'uz', 'tg', 'ky', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
export type MailLanguage = 'ru' | 'en';

const LOCALE: Record<NoticeLanguage, string> = { ru: 'ru', uz: 'uz-Latn', tg: 'tg', ky: 'ky', en: 'en-GB' };

/** A day (YYYY-MM-DD) as the language writes it: 17 марта 2026 г., 17-mart, 2026, 2026-ж., 17-март… */
export function writtenDate(iso: string, language: NoticeLanguage): string {
  return FORMATS[language].format(new Date(`${iso}T00:00:00Z`));
}

// built once: a formatter costs far more to make than to use (the backfill and the scan write thousands)
const FORMATS = Object.fromEntries(
  Object.entries(LOCALE).map(([language, locale]) => [
    language,
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ]),
) as Record<NoticeLanguage, Intl.DateTimeFormat>;

/** The first of the dossier's languages that notices are written in; Russian otherwise. */
export function noticeLanguage(languages: readonly string[]): NoticeLanguage {
  return (languages.map((l) => l.toLowerCase()).find((l) => (NOTICE_LANGUAGES as readonly string[]).includes(l)) as NoticeLanguage) ?? 'ru';
}

/** The worker's own obligations (the employers' MVD notices are not the worker's to do). */
type WorkerKind = Exclude<DeadlineKind, 'CONTRACT_NOTIFICATION' | 'CONTRACT_TERMINATION_NOTIFICATION'>;

const WHAT: Record<WorkerKind, Record<NoticeLanguage, string>> = {
  MIGRATION_REGISTRATION: {
    ru: 'встать на миграционный учёт (уведомление о прибытии)',
    uz: 'migratsiya hisobiga turish (kelganlik haqida xabarnoma)',
    tg: 'ба қайди муҳоҷиратӣ гузаштан (огоҳинома дар бораи омадан)',
    ky: 'миграциялык каттоодон өтүү (келгендиги тууралуу билдирме)',
    en: 'register your stay (migration registration)',
  },
  MEDICAL_EXAM: {
    ru: 'пройти медицинское освидетельствование, дактилоскопию и фотографирование',
    uz: 'tibbiy ko‘rikdan o‘tish, barmoq izi va suratga tushish',
    tg: 'аз муоинаи тиббӣ, дактилоскопия ва аксбардорӣ гузаштан',
    ky: 'медициналык текшерүүдөн, дактилоскопиядан жана сүрөткө тартуудан өтүү',
    en: 'have the medical examination, fingerprints and photograph taken',
  },
  PATENT_APPLICATION: {
    ru: 'подать документы на патент',
    uz: 'patent olish uchun hujjatlarni topshirish',
    tg: 'барои гирифтани патент ҳуҷҷат супоридан',
    ky: 'патент алуу үчүн документтерди тапшыруу',
    en: 'apply for a work patent',
  },
  PATENT_PAYMENT: {
    ru: 'оплатить ежемесячный авансовый платёж за патент',
    uz: 'patent uchun oylik avans to‘lovini to‘lash',
    tg: 'пардохти пешакии моҳонаи патентро супоридан',
    ky: 'патент үчүн айлык аванс төлөмүн төлөө',
    en: 'pay the monthly advance for your patent',
  },
  CONTRACT_COPY: {
    ru: 'представить в МВД копию трудового договора',
    uz: 'IIVga mehnat shartnomasining nusxasini topshirish',
    tg: 'ба ВКД нусхаи шартномаи меҳнатиро пешниҳод кардан',
    ky: 'ИИМге эмгек келишиминин көчүрмөсүн тапшыруу',
    en: 'give the MVD a copy of your labour contract',
  },
  DOCUMENT_EXPIRY: {
    ru: 'продлить документ, срок которого заканчивается',
    uz: 'muddati tugayotgan hujjatni yangilash',
    tg: 'ҳуҷҷатеро, ки мӯҳлаташ ба охир мерасад, нав кардан',
    ky: 'мөөнөтү бүтүп жаткан документти жаңыртуу',
    en: 'renew a document that is about to expire',
  },
  STATUS_CLIFF: {
    ru: 'срочно прийти в Центр: ваш законный статус скоро закончится',
    uz: 'zudlik bilan Markazga kelish: qonuniy maqomingiz tez orada tugaydi',
    tg: 'фавран ба Марказ омадан: мақоми қонунии шумо ба зудӣ ба охир мерасад',
    ky: 'Борборго тез келүү: мыйзамдуу статусуңуз жакында бүтөт',
    en: 'come to the Centre urgently: your legal status will soon end',
  },
};

const NOTICE = Handlebars.compile<{ name: string; what: string; date: string; caseNumber: string; labels: Record<string, string> }>(
  '{{labels.hello}}\n\n{{labels.what}}: {{what}}.\n{{labels.due}}\n\n{{labels.help}}',
  { noEscape: true, strict: true },
);

const LABELS: Record<NoticeLanguage, (date: string, caseNumber: string, name: string) => Record<string, string>> = {
  ru: (d, c, n) => ({
    hello: `Здравствуйте, ${n}!`,
    what: 'Что нужно сделать',
    due: `Срок: до ${d} включительно.`,
    help: `Если нужна помощь, обратитесь в Центр (номер дела ${c}).`,
  }),
  uz: (d, c, n) => ({
    hello: `Assalomu alaykum, ${n}!`,
    what: 'Nima qilish kerak',
    due: `Muddat: ${d} (shu kun ham kiradi).`,
    help: `Yordam kerak bo‘lsa, Markazga murojaat qiling (ish raqami ${c}).`,
  }),
  tg: (d, c, n) => ({
    hello: `Салом, ${n}!`,
    what: 'Чӣ бояд кард',
    due: `Мӯҳлат: то ${d} (ҳамин рӯз ҳам).`,
    help: `Агар ба кӯмак ниёз дошта бошед, ба Марказ муроҷиат кунед (рақами парванда ${c}).`,
  }),
  ky: (d, c, n) => ({
    hello: `Саламатсызбы, ${n}!`,
    what: 'Эмне кылуу керек',
    due: `Мөөнөтү: ${d} чейин (ошол күн да кирет).`,
    help: `Жардам керек болсо, Борборго кайрылыңыз (иштин номери ${c}).`,
  }),
  en: (d, c, n) => ({
    hello: `Hello ${n},`,
    what: 'What to do',
    due: `Deadline: ${d} at the latest.`,
    help: `If you need help, contact the Centre (case number ${c}).`,
  }),
};

export function isWorkerKind(kind: DeadlineKind): kind is WorkerKind {
  return kind in WHAT;
}

/** The notice to a worker of one obligation, in their language. */
export function workerNotice(
  kind: WorkerKind,
  language: NoticeLanguage,
  v: { name: string; dueDate: string; caseNumber: string },
): { title: string; body: string } {
  const what = WHAT[kind][language];
  const date = writtenDate(v.dueDate, language);
  return {
    title: `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${date}`,
    body: NOTICE({ name: v.name, what, date, caseNumber: v.caseNumber, labels: LABELS[language](date, v.caseNumber, v.name) }),
  };
}

const KIND_NAME: Record<DeadlineKind, Record<MailLanguage, string>> = {
  MIGRATION_REGISTRATION: { ru: 'миграционный учёт', en: 'migration registration' },
  MEDICAL_EXAM: { ru: 'медицинское освидетельствование', en: 'medical examination' },
  PATENT_APPLICATION: { ru: 'заявление на патент', en: 'patent application' },
  PATENT_PAYMENT: { ru: 'платёж за патент', en: 'patent payment' },
  CONTRACT_COPY: { ru: 'копия трудового договора в МВД', en: 'copy of the labour contract to the MVD' },
  CONTRACT_NOTIFICATION: { ru: 'уведомление МВД о заключении договора', en: 'MVD notice of a contract concluded' },
  CONTRACT_TERMINATION_NOTIFICATION: { ru: 'уведомление МВД о прекращении договора', en: 'MVD notice of a contract ended' },
  DOCUMENT_EXPIRY: { ru: 'окончание срока документа', en: 'a document expiring' },
  STATUS_CLIFF: { ru: 'риск потери законного статуса', en: 'risk of losing legal status' },
};

const MAIL = {
  reminder: {
    ru: Handlebars.compile(
      'Срок {{daysText}}: {{kind}} — {{caseNumber}}\n\n' +
        'Срок: {{date}}.\nРаботник: {{caseNumber}}{{#if employer}}\nРаботодатель: {{employer}}{{/if}}\n\n' +
        'Это напоминание отправлено один раз за этот срок.',
      { noEscape: true },
    ),
    en: Handlebars.compile(
      'Due {{daysText}}: {{kind}} — {{caseNumber}}\n\n' +
        'Due date: {{date}}.\nWorker: {{caseNumber}}{{#if employer}}\nEmployer: {{employer}}{{/if}}\n\n' +
        'This reminder is sent once for this lead time.',
      { noEscape: true },
    ),
  },
  missed: {
    ru: Handlebars.compile(
      'Пропущен срок: {{kind}} — {{caseNumber}}\n\n' +
        'Срок был {{date}}, обязательство не выполнено.\n' +
        'Работник: {{caseNumber}}{{#if employer}}\nРаботодатель: {{employer}}{{/if}}',
      { noEscape: true },
    ),
    en: Handlebars.compile(
      'Missed: {{kind}} — {{caseNumber}}\n\n' +
        'The deadline was {{date}} and the obligation is not fulfilled.\n' +
        'Worker: {{caseNumber}}{{#if employer}}\nEmployer: {{employer}}{{/if}}',
      { noEscape: true },
    ),
  },
};

function daysText(lead: number, language: MailLanguage): string {
  if (lead === 0) return language === 'ru' ? 'сегодня' : 'today';
  if (language === 'en') return `in ${lead} day${lead === 1 ? '' : 's'}`;
  const n = lead % 100;
  const word = n >= 11 && n <= 14 ? 'дней' : lead % 10 === 1 ? 'день' : lead % 10 >= 2 && lead % 10 <= 4 ? 'дня' : 'дней';
  return `через ${lead} ${word}`;
}

/** A reminder (lead ≥ 0) or a missed-deadline escalation (lead < 0): the first line is the subject. */
export function deadlineMail(
  language: MailLanguage,
  v: { kind: DeadlineKind; lead: number; dueDate: string; caseNumber: string; employer: string | null },
): { subject: string; text: string } {
  const render = v.lead < 0 ? MAIL.missed[language] : MAIL.reminder[language];
  const all = render({
    kind: KIND_NAME[v.kind][language],
    daysText: daysText(v.lead, language),
    date: writtenDate(v.dueDate, language),
    caseNumber: v.caseNumber,
    employer: v.employer,
  });
  const [subject, , ...rest] = all.split('\n');
  return { subject, text: rest.join('\n') };
}
