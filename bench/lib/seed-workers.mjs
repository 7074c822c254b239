// Bulk seed for the dossier scenarios (worker-by-id, worker-search): BENCH_WORKERS workers
// (default 100,000) with their documents, straight into PostgreSQL with multi-row
// INSERT … SELECT FROM unnest($1::uuid[], …) in batches of 5,000, each batch built in JS and then
// dropped, so memory stays bounded whatever the count.
//
// The data look like the centre's: Uzbek, Tajik and Kyrgyz citizens (UZ/TJ/KG), names in Cyrillic
// (with the national letters қ ў ғ ҳ ҷ ө ү ң where they belong) and in passport Latin (Uzbek Latin
// for UZ, ICAO-style for TJ/KG, upper case), patronymics as -ович/-овна, ўғли/қизи or уулу/кызы,
// some without one. A few dozen last names × first names × patronymics; names never carry a
// numeric suffix: variety comes from birth dates, statuses, channels and documents. search_text is
// computed by the app's own searchText() (dist/workers/transliteration.js), exactly as
// POST /workers stores it. Case numbers are OMS-<year>-000001… (the current UTC year, as
// nextCaseNumber() would give) and case_number_counters is moved past them, so workers the app
// creates afterwards get the next number. Every worker has a PASSPORT; UZ/TJ workers who have
// arrived mostly have a PATENT too (some lapsed, some expiring), with the dossier's cover dates
// (patent_valid_until…) from the app's own coverDates(), as the app writes them. Document numbers
// (number_enc/number_index) stay NULL: no encryption cost, nothing searches by them here.
//
// Idempotent per database: rows already there (same case numbers) are kept, an interrupted seed
// resumes after the last complete batch, and a complete one is detected and skipped. The triggers on
// workers fill the name-word tables search reads (worker_name_words, name_words) as the rows go in.
// Ends with VACUUM (ANALYZE) of the seeded tables and those: fresh statistics for the planner and the
// visibility map set, as autovacuum would leave tables that size in production.
import { randomUUID, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const { searchText } = require(path.join(DIST, 'workers/transliteration.js'));
const { coverDates } = require(path.join(DIST, 'workers/work-authorization.rules.js'));

export const BATCH_SIZE = 5000;

/** How many workers to seed: BENCH_WORKERS, default 100,000. */
export function workersToSeed() {
  const raw = process.env.BENCH_WORKERS;
  if (raw === undefined || raw === '') return 100_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new Error(`BENCH_WORKERS must be an integer from 1 to 999999 (got ${raw})`);
  return n;
}

// ------------------------------------------------------------------------------------ names ---
// [Cyrillic, passport Latin]. The same family name is spelt differently in passports of different
// countries (Холматов: XOLMATOV in Uzbekistan, KHOLMATOV in Tajikistan): that is what search meets.
const NAMES = {
  UZ: {
    last: [
      ['Ахмедов', 'AXMEDOV'],
      ['Каримов', 'KARIMOV'],
      ['Юсупов', 'YUSUPOV'],
      ['Холматов', 'XOLMATOV'],
      ['Хамидов', 'XAMIDOV'],
      ['Қодиров', 'QODIROV'],
      ['Ўроқов', "O'ROQOV"],
      ['Тошматов', 'TOSHMATOV'],
      ['Эргашев', 'ERGASHEV'],
      ['Абдуллаев', 'ABDULLAYEV'],
      ['Исмоилов', 'ISMOILOV'],
      ['Жўраев', "JO'RAYEV"],
      ['Турсунов', 'TURSUNOV'],
      ['Мирзаев', 'MIRZAYEV'],
      ['Усмонов', 'USMONOV'],
      ['Ғафуров', "G'AFUROV"],
      ['Раҳимов', 'RAHIMOV'],
      ['Саидов', 'SAIDOV'],
    ],
    male: [
      ['Акмал', 'AKMAL'],
      ['Фаррух', 'FARRUX'],
      ['Шерзод', 'SHERZOD'],
      ['Бахтиёр', 'BAXTIYOR'],
      ['Рустам', 'RUSTAM'],
      ['Дилшод', 'DILSHOD'],
      ['Жасур', 'JASUR'],
      ['Улуғбек', "ULUG'BEK"],
      ['Отабек', 'OTABEK'],
      ['Санжар', 'SANJAR'],
      ['Ботир', 'BOTIR'],
      ['Шуҳрат', 'SHUHRAT'],
      ['Азиз', 'AZIZ'],
      ['Ҳасан', 'HASAN'],
      ['Хуршид', 'XURSHID'],
      ['Ойбек', 'OYBEK'],
    ],
    female: [
      ['Дилноза', 'DILNOZA'],
      ['Гулнора', 'GULNORA'],
      ['Нигора', 'NIGORA'],
      ['Малика', 'MALIKA'],
      ['Зулфия', 'ZULFIYA'],
      ['Шаҳло', 'SHAHLO'],
    ],
    /** "son of" / "daughter of", after the father's name */
    sonOf: [' ўғли', " O'G'LI"],
    daughterOf: [' қизи', ' QIZI'],
    phone: '+99890',
    language: 'uz',
  },
  TJ: {
    last: [
      ['Рахимов', 'RAKHIMOV'],
      ['Назаров', 'NAZAROV'],
      ['Шарипов', 'SHARIPOV'],
      ['Ҷалолов', 'JALOLOV'],
      ['Холматов', 'KHOLMATOV'],
      ['Хамидов', 'KHAMIDOV'],
      ['Қурбонов', 'QURBONOV'],
      ['Раҳмонов', 'RAHMONOV'],
      ['Юсупов', 'YUSUPOV'],
      ['Сафаров', 'SAFAROV'],
      ['Давлатов', 'DAVLATOV'],
      ['Мирзоев', 'MIRZOEV'],
      ['Ахмедов', 'AKHMEDOV'],
      ['Одинаев', 'ODINAEV'],
      ['Шарифов', 'SHARIFOV'],
    ],
    male: [
      ['Фирдавс', 'FIRDAVS'],
      ['Ҷамшед', 'JAMSHED'],
      ['Фарҳод', 'FARHOD'],
      ['Бахтовар', 'BAKHTOVAR'],
      ['Сомон', 'SOMON'],
      ['Далер', 'DALER'],
      ['Манучеҳр', 'MANUCHEHR'],
      ['Шаҳром', 'SHAHROM'],
      ['Комрон', 'KOMRON'],
      ['Умед', 'UMED'],
      ['Хуршед', 'KHURSHED'],
      ['Рустам', 'RUSTAM'],
    ],
    female: [
      ['Мадина', 'MADINA'],
      ['Нилуфар', 'NILUFAR'],
      ['Тахмина', 'TAKHMINA'],
      ['Зарина', 'ZARINA'],
    ],
    sonOf: null,
    daughterOf: null,
    phone: '+99292',
    language: 'tg',
  },
  KG: {
    last: [
      ['Мамытов', 'MAMYTOV'],
      ['Осмонов', 'OSMONOV'],
      ['Токтосунов', 'TOKTOSUNOV'],
      ['Жумабеков', 'ZHUMABEKOV'],
      ['Асанов', 'ASANOV'],
      ['Усенов', 'USENOV'],
      ['Абдыкадыров', 'ABDYKADYROV'],
      ['Бообеков', 'BOOBEKOV'],
      ['Сыдыков', 'SYDYKOV'],
      ['Турдубаев', 'TURDUBAEV'],
      ['Жээнбеков', 'JEENBEKOV'],
      ['Кадыров', 'KADYROV'],
      ['Өмүрбеков', 'OMURBEKOV'],
      ['Юсупов', 'IUSUPOV'],
      ['Ахмедов', 'AKHMEDOV'],
    ],
    male: [
      ['Азамат', 'AZAMAT'],
      ['Нурлан', 'NURLAN'],
      ['Эрлан', 'ERLAN'],
      ['Бакыт', 'BAKYT'],
      ['Талант', 'TALANT'],
      ['Мирлан', 'MIRLAN'],
      ['Улан', 'ULAN'],
      ['Эмил', 'EMIL'],
      ['Айбек', 'AIBEK'],
      ['Чыңгыз', 'CHYNGYZ'],
      ['Нурбек', 'NURBEK'],
      ['Жыргалбек', 'ZHYRGALBEK'],
    ],
    female: [
      ['Айгүл', 'AIGUL'],
      ['Жылдыз', 'ZHYLDYZ'],
      ['Гүлнара', 'GULNARA'],
      ['Айжан', 'AIZHAN'],
    ],
    sonOf: [' уулу', ' UULU'],
    daughterOf: [' кызы', ' KYZY'],
    phone: '+99670',
    language: 'ky',
  },
};

const CITIZENSHIPS = [
  ['UZ', 50],
  ['TJ', 30],
  ['KG', 20],
];
const STATUSES = [
  ['CANDIDATE', 8],
  ['SELECTED', 5],
  ['IN_TRANSIT', 3],
  ['ARRIVED', 6],
  ['DOCUMENTS_IN_PROGRESS', 10],
  ['READY_TO_WORK', 8],
  ['EMPLOYED', 40],
  ['BETWEEN_JOBS', 8],
  ['DEPARTED', 8],
  ['CLOSED', 4],
];
const NOT_ARRIVED = new Set(['CANDIDATE', 'SELECTED', 'IN_TRANSIT']);
const CHANNELS = [
  ['DIRECT', 30],
  ['FAMILY', 20],
  ['WALK_IN', 25],
  ['INTERMEDIARY', 25],
];
const OCCUPATIONS = ['bricklayer', 'concrete worker', 'farm labourer', 'baker', 'loader', 'welder', 'cleaner', 'driver', 'plasterer', 'electrician'];
const INTERMEDIARIES = 24; // every sixth blacklisted
const PATENT_ISSUER = 'УВМ УМВД России по Омской области';
const PASSPORT_ISSUER = { UZ: 'IIV', TJ: 'ВКД', KG: 'ГРС' };
const DAY = 86_400_000;

/** Deterministic PRNG (mulberry32): a batch regenerates the same rows when a seed is resumed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
function weighted(rnd, table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);
/** A UUID derived from a label (for the few reference rows, so that a resumed seed finds them). */
function stableUuid(label) {
  const h = createHash('sha1').update(`omsk-bench:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Feminine family name: Каримов → Каримова, KARIMOV → KARIMOVA (all seeded names end in -ов/-ев). */
const feminine = ([cyr, lat]) => [`${cyr}а`, `${lat}A`];

function patronymic(rnd, names, female) {
  const r = rnd();
  if (r < 0.05) return [null, null]; // none recorded
  const [fatherCyr, fatherLat] = pick(rnd, names.male);
  const ofWhom = female ? names.daughterOf : names.sonOf;
  if (ofWhom && r < 0.35) return [fatherCyr + ofWhom[0], fatherLat + ofWhom[1]];
  // Russian-style: Рустамович / RUSTAMOVICH, Рустамовна / RUSTAMOVNA
  return female ? [`${fatherCyr}овна`, `${fatherLat.replace(/'/g, '')}OVNA`] : [`${fatherCyr}ович`, `${fatherLat.replace(/'/g, '')}OVICH`];
}

// ------------------------------------------------------------------------------------- rows ---
const searchTextCache = new Map(); // a few tens of thousands of name combinations at most

function searchTextOf(names) {
  const key = `${names.lastNameCyr}|${names.lastNameLat}|${names.firstNameCyr}|${names.firstNameLat}|${names.patronymicCyr}|${names.patronymicLat}`;
  let text = searchTextCache.get(key);
  if (text === undefined) {
    text = searchText(names); // the app's own function: the column holds exactly what the app would store
    searchTextCache.set(key, text);
  }
  return text;
}

const WORKER_COLUMNS = [
  // [column, SQL array type, expression over the unnest alias]
  ['id', 'uuid[]'],
  ['case_number', 'text[]'],
  ['last_name_cyr', 'text[]'],
  ['first_name_cyr', 'text[]'],
  ['patronymic_cyr', 'text[]'],
  ['last_name_lat', 'text[]'],
  ['first_name_lat', 'text[]'],
  ['patronymic_lat', 'text[]'],
  ['search_text', 'text[]'],
  ['birth_date', 'date[]'],
  ['sex', 'text[]', '"Sex"'],
  ['citizenship', 'text[]'],
  ['languages', 'text[]', 'langs'],
  ['phone', 'text[]'],
  ['occupations', 'text[]', 'occs'],
  ['recruitment_channel', 'text[]', '"RecruitmentChannel"'],
  ['intermediary_id', 'uuid[]'],
  ['consent_given_on', 'date[]'],
  ['consent_scope', 'text[]'],
  ['arrival_date', 'date[]'],
  ['status', 'text[]', '"WorkerStatus"'],
  ['archived_at', 'timestamptz[]'],
  ['created_at', 'timestamptz[]'],
  ['patent_valid_until', 'date[]'],
  ['work_permit_valid_until', 'date[]'],
];

function expression(column, cast) {
  if (!cast) return `t.${column}`;
  if (cast === 'langs' || cast === 'occs') return `string_to_array(t.${column}, ',')`;
  return `t.${column}::${cast}`;
}

const INSERT_WORKERS = `
  INSERT INTO workers (${WORKER_COLUMNS.map(([c]) => c).join(', ')}, updated_at)
  SELECT ${WORKER_COLUMNS.map(([c, , cast]) => expression(c, cast)).join(', ')}, t.created_at
  FROM unnest(${WORKER_COLUMNS.map(([, type], i) => `$${i + 1}::${type}`).join(', ')}) AS t(${WORKER_COLUMNS.map(([c]) => c).join(', ')})
  ON CONFLICT (case_number) DO NOTHING
  RETURNING id`;

const DOCUMENT_COLUMNS = [
  ['worker_id', 'uuid[]'],
  ['type', 'text[]', '"DocumentType"'],
  ['issued_on', 'date[]'],
  ['expires_on', 'date[]'],
  ['issuer', 'text[]'],
  ['paid_until', 'date[]'],
  ['created_at', 'timestamptz[]'],
];
const INSERT_DOCUMENTS = `
  INSERT INTO worker_documents (id, status, ${DOCUMENT_COLUMNS.map(([c]) => c).join(', ')}, updated_at)
  SELECT gen_random_uuid(), 'VALID', ${DOCUMENT_COLUMNS.map(([c, , cast]) => expression(c, cast)).join(', ')}, t.created_at
  FROM unnest(${DOCUMENT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}`).join(', ')}) AS t(${DOCUMENT_COLUMNS.map(([c]) => c).join(', ')})`;

/**
 * One batch of workers (numbers from..to-1, 0-based) and their documents, as column arrays.
 * Creation times spread evenly over the year so far, in case-number order.
 */
function buildBatch({ from, to, total, year, yearStart, now, intermediaryIds }) {
  const rnd = prng(0x5eed0000 + from);
  const w = Object.fromEntries(WORKER_COLUMNS.map(([c]) => [c, []]));
  const d = Object.fromEntries(DOCUMENT_COLUMNS.map(([c]) => [c, []]));
  const span = now - yearStart;
  for (let i = from; i < to; i++) {
    const citizenship = weighted(rnd, CITIZENSHIPS);
    const names = NAMES[citizenship];
    const female = rnd() < 0.14;
    const [lastCyr, lastLat] = female ? feminine(pick(rnd, names.last)) : pick(rnd, names.last);
    const [firstCyr, firstLat] = pick(rnd, female ? names.female : names.male);
    const [patCyr, patLat] = patronymic(rnd, names, female);
    const createdMs = yearStart + Math.floor(((i + 0.5) / total) * span);
    const createdDay = Math.floor(createdMs / DAY) * DAY;
    const birthMs = Date.UTC(1966, 0, 1) + Math.floor(rnd() * (Date.UTC(2006, 11, 31) - Date.UTC(1966, 0, 1)));
    const status = weighted(rnd, STATUSES);
    const channel = weighted(rnd, CHANNELS);
    const arrived = !NOT_ARRIVED.has(status);
    const arrivalMs = arrived ? Math.min(createdDay + (5 + Math.floor(rnd() * 40)) * DAY, Math.floor(now / DAY) * DAY) : null;
    const id = randomUUID();
    const nameFields = {
      lastNameCyr: lastCyr,
      firstNameCyr: firstCyr,
      patronymicCyr: patCyr,
      lastNameLat: lastLat,
      firstNameLat: firstLat,
      patronymicLat: patLat,
    };

    w.id.push(id);
    w.case_number.push(`OMS-${year}-${String(i + 1).padStart(6, '0')}`);
    w.last_name_cyr.push(lastCyr);
    w.first_name_cyr.push(firstCyr);
    w.patronymic_cyr.push(patCyr);
    w.last_name_lat.push(lastLat);
    w.first_name_lat.push(firstLat);
    w.patronymic_lat.push(patLat);
    w.search_text.push(searchTextOf(nameFields));
    w.birth_date.push(isoDate(birthMs));
    w.sex.push(female ? 'FEMALE' : 'MALE');
    w.citizenship.push(citizenship);
    w.languages.push(`${names.language},ru`);
    w.phone.push(`${names.phone}${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`);
    w.occupations.push(pick(rnd, OCCUPATIONS));
    w.recruitment_channel.push(channel);
    w.intermediary_id.push(channel === 'INTERMEDIARY' ? pick(rnd, intermediaryIds) : null);
    w.consent_given_on.push(isoDate(createdDay));
    w.consent_scope.push('case management; referral to authorities with separate consent');
    w.arrival_date.push(arrivalMs === null ? null : isoDate(arrivalMs));
    w.status.push(status);
    w.archived_at.push(status === 'CLOSED' ? new Date(createdMs + 30 * DAY > now ? now : createdMs + 30 * DAY).toISOString() : null);
    w.created_at.push(new Date(createdMs).toISOString());

    // passport, issued abroad years before
    const passportIssued = createdDay - (200 + Math.floor(rnd() * 3000)) * DAY;
    d.worker_id.push(id);
    d.type.push('PASSPORT');
    d.issued_on.push(isoDate(passportIssued));
    d.expires_on.push(isoDate(passportIssued + 3652 * DAY));
    d.issuer.push(PASSPORT_ISSUER[citizenship]);
    d.paid_until.push(null);
    d.created_at.push(new Date(createdMs).toISOString());
    // patent for the visa-free citizens who have arrived (most of them)
    const papers = [];
    if (arrivalMs !== null && citizenship !== 'KG' && rnd() < 0.85) {
      // never issued after today: the app refuses a document dated in the future
      const issued = Math.min(arrivalMs + (10 + Math.floor(rnd() * 20)) * DAY, Math.floor(now / DAY) * DAY);
      const months = 1 + Math.floor(rnd() * 12); // paid ahead: some lapsed, some expiring, most valid
      const patent = {
        type: 'PATENT',
        status: 'VALID',
        issuedOn: isoDate(issued),
        expiresOn: isoDate(issued + 364 * DAY),
        paidUntil: isoDate(Math.min(issued + months * 30 * DAY, issued + 364 * DAY)),
      };
      papers.push(patent);
      d.worker_id.push(id);
      d.type.push('PATENT');
      d.issued_on.push(patent.issuedOn);
      d.expires_on.push(patent.expiresOn);
      d.issuer.push(PATENT_ISSUER);
      d.paid_until.push(patent.paidUntil);
      d.created_at.push(new Date(Math.min(issued, now)).toISOString());
    }
    const cover = coverDates(papers);
    w.patent_valid_until.push(cover.PATENT);
    w.work_permit_valid_until.push(cover.WORK_PERMIT);
  }
  return { workers: WORKER_COLUMNS.map(([c]) => w[c]), ids: w.id, documents: d };
}

async function seedIntermediaries(client) {
  const ids = [];
  const rows = [];
  for (let i = 0; i < INTERMEDIARIES; i++) {
    const id = stableUuid(`intermediary-${i}`);
    ids.push(id);
    const country = CITIZENSHIPS[i % 3][0];
    const [cyr] = NAMES[country].last[i % NAMES[country].last.length];
    rows.push([id, `Бригада ${cyr}а (bench)`, country, i % 6 === 5 ? 'BLACKLISTED' : i % 2 ? 'VERIFIED' : 'UNVERIFIED']);
  }
  await client.query(
    `INSERT INTO intermediaries (id, name, country, status, updated_at)
     SELECT t.id, t.name, t.country, t.status::"IntermediaryStatus", now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, name, country, status)
     ON CONFLICT (id) DO NOTHING`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
  return ids;
}

const done = new Map(); // databaseUrl → Promise of the summary, for the scenarios of one run

/**
 * Seeds the dossier data set once per database (see the top of this file). Resolves with
 * { workers, inserted, seconds, skipped }; logs progress and the time it took through `log`.
 */
export function ensureWorkersSeeded({ databaseUrl, log = () => undefined, total = workersToSeed() }) {
  const key = `${databaseUrl}#${total}`;
  if (done.has(key)) log('workers seeded earlier in this run');
  else {
    const p = seed({ databaseUrl, log, total });
    p.catch(() => done.delete(key)); // a failed attempt may be retried (and resumes)
    done.set(key, p);
  }
  return done.get(key);
}

async function seed({ databaseUrl, log, total }) {
  const started = performance.now();
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, application_name: 'omsk-bench-seed' });
  await client.connect();
  try {
    await client.query("SET statement_timeout = '120s'");
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    const prefix = `OMS-${year}-`;
    // batches commit in case-number order, so everything up to the highest seeded number is there
    const {
      rows: [state],
    } = await client.query(`SELECT count(*)::int AS n, max(case_number) AS last FROM workers WHERE case_number LIKE $1 AND length(case_number) = $2`, [
      `${prefix}%`,
      prefix.length + 6,
    ]);
    const already = state.last ? Number(state.last.slice(prefix.length)) : 0;
    if (state.n >= total && already >= total) {
      log(`${state.n.toLocaleString('en-US')} seeded workers already in the database: nothing to seed`);
      return { workers: state.n, inserted: 0, seconds: 0, skipped: true };
    }
    const resumeFrom = Math.floor(Math.min(already, total) / BATCH_SIZE) * BATCH_SIZE;
    log(
      `seeding ${total.toLocaleString('en-US')} workers with documents in batches of ` +
        `${BATCH_SIZE.toLocaleString('en-US')}${resumeFrom ? ` (resuming at ${resumeFrom + 1})` : ''}…`,
    );

    const intermediaryIds = await seedIntermediaries(client);
    const yearStart = Date.UTC(year, 0, 1);
    let inserted = 0;
    let documents = 0;
    let lastReport = performance.now();
    for (let from = resumeFrom; from < total; from += BATCH_SIZE) {
      const to = Math.min(total, from + BATCH_SIZE);
      const batch = buildBatch({ from, to, total, year, yearStart, now, intermediaryIds });
      await client.query('BEGIN');
      try {
        const { rows } = await client.query(INSERT_WORKERS, batch.workers);
        // documents only for the workers this batch inserted (a resumed batch skips existing ones)
        const fresh = new Set(rows.map((r) => r.id));
        const keep = batch.documents.worker_id.map((wid) => fresh.has(wid));
        const columns = DOCUMENT_COLUMNS.map(([c]) => batch.documents[c].filter((_, j) => keep[j]));
        if (columns[0].length) await client.query(INSERT_DOCUMENTS, columns);
        await client.query('COMMIT');
        inserted += rows.length;
        documents += columns[0].length;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      if (performance.now() - lastReport > 5000 && to < total) {
        lastReport = performance.now();
        log(`  … ${to.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} workers (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
    // the app's next POST /workers this year must not collide with the seeded case numbers
    await client.query(
      `INSERT INTO case_number_counters (year, last) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last = GREATEST(case_number_counters.last, EXCLUDED.last)`,
      [year, total],
    );
    const insertSeconds = (performance.now() - started) / 1000;
    await client.query('VACUUM (ANALYZE) workers, worker_documents, intermediaries, worker_name_words, name_words');
    const seconds = (performance.now() - started) / 1000;
    const {
      rows: [count],
    } = await client.query('SELECT (SELECT count(*) FROM workers)::int AS workers, (SELECT count(*) FROM worker_documents)::int AS documents');
    log(
      `seeded ${inserted.toLocaleString('en-US')} workers and ${documents.toLocaleString('en-US')} documents in ${seconds.toFixed(1)} s ` +
        `(inserts ${insertSeconds.toFixed(1)} s, VACUUM ANALYZE ${(seconds - insertSeconds).toFixed(1)} s); ` +
        `the database holds ${count.workers.toLocaleString('en-US')} workers, ${count.documents.toLocaleString('en-US')} documents`,
    );
    return { workers: count.workers, inserted, documents, seconds, skipped: false };
  } finally {
    await client.end().catch(() => undefined);
  }
}
