/**
 * Reference data shipped with the system. Every figure here is a starting point an administrator
 * verifies and edits through /api/v1/reference: the seed creates what is missing and never
 * overwrites a stored value.
 */

const VERIFY = '(verify)';
const VERIFY_DECREE = "(verify against the governor's decree)";

export const SEED_MINIMUM_WAGES = [
  { year: 2025, amountRub: 22_440, note: VERIFY },
  { year: 2026, amountRub: 27_093, note: VERIFY },
];

export const SEED_COEFFICIENTS = [{ region: 'OMSK', coefficient: 1.15, note: VERIFY }];

/** Fixed ids, so a seeded ban an administrator edited is recognised and left alone. */
export const SEED_BANS = [
  {
    id: '6b1f0c3e-2025-4301-8000-000000000001',
    title: 'Omsk oblast: activities closed to patent holders, first list',
    activityCodes: ['49.32', '47.25', '47.26', '47.73', '47.78.3'],
    effectiveFrom: '2025-03-01',
    effectiveTo: null,
    note: VERIFY_DECREE,
  },
  {
    id: '6b1f0c3e-2026-4301-8000-000000000002',
    title: 'Omsk oblast: activities closed to patent holders, extension',
    activityCodes: ['85', '56.30', '47.11', '47.2', '49.31', '53.20', '86'],
    effectiveFrom: '2026-03-01',
    effectiveTo: null,
    note: VERIFY_DECREE,
  },
];

/** Occupations (ОКЗ) the Centre recruits for. */
export const SEED_OCCUPATIONS = [
  { code: '4321', title: 'Warehouse worker', titleRu: 'Кладовщик' },
  { code: '5120', title: 'Cook', titleRu: 'Повар' },
  { code: '7112', title: 'Bricklayer', titleRu: 'Каменщик' },
  { code: '7114', title: 'Concrete worker', titleRu: 'Бетонщик' },
  { code: '7115', title: 'Carpenter', titleRu: 'Плотник' },
  { code: '7123', title: 'Plasterer', titleRu: 'Штукатур' },
  { code: '7131', title: 'Painter', titleRu: 'Маляр' },
  { code: '7212', title: 'Welder', titleRu: 'Сварщик' },
  { code: '7411', title: 'Electrician', titleRu: 'Электромонтажник' },
  { code: '7512', title: 'Baker', titleRu: 'Пекарь' },
  { code: '7533', title: 'Seamstress', titleRu: 'Швея' },
  { code: '8322', title: 'Driver', titleRu: 'Водитель автомобиля' },
  { code: '9112', title: 'Cleaner', titleRu: 'Уборщик' },
  { code: '9211', title: 'Farm labourer', titleRu: 'Подсобный рабочий в растениеводстве' },
  { code: '9333', title: 'Loader', titleRu: 'Грузчик' },
];

/** Labour-law figures (reference data, see LABOUR_PARAMETERS). */
export const SEED_PARAMETERS = [
  { key: 'MAX_DEDUCTION_SHARE', value: 0.2, note: 'Labour Code art. 138 (verify)' },
  { key: 'INCOME_TAX_RATE', value: 0.13, note: 'НДФЛ for tax residents and patent holders (verify)' },
  { key: 'FULL_TIME_HOURS_PER_WEEK', value: 40, note: 'Labour Code art. 91' },
];

/** Reference local wages in Omsk oblast for the demo occupations, gross roubles a month (verify). */
const LOCAL_2026: Record<string, number> = {
  '4321': 52_000,
  '5120': 48_000,
  '7112': 78_000,
  '7114': 72_000,
  '7115': 70_000,
  '7123': 65_000,
  '7131': 60_000,
  '7212': 85_000,
  '7411': 80_000,
  '7512': 47_000,
  '7533': 42_000,
  '8322': 68_000,
  '9112': 36_000,
  '9211': 40_000,
  '9333': 45_000,
};

export const SEED_LOCAL_WAGES = [2025, 2026].flatMap((year) =>
  Object.entries(LOCAL_2026).map(([occupationCode, amount]) => ({
    year,
    occupationCode,
    // 2025 figures about 9 % lower than 2026's, rounded to a thousand
    amountRub: year === 2026 ? amount : Math.round(amount / 1.09 / 1000) * 1000,
    note: VERIFY,
  })),
);

/** ОКВЭД 2 codes of the sectors the Centre works with (an administrator adds the rest). */
export const SEED_ACTIVITY_CODES = [
  { code: '01.11', title: 'Выращивание зерновых и зернобобовых культур' },
  { code: '01.13', title: 'Выращивание овощей, бахчевых, корнеплодных и клубнеплодных культур' },
  { code: '01.41', title: 'Разведение молочного крупного рогатого скота' },
  { code: '01.46', title: 'Разведение свиней' },
  { code: '01.47', title: 'Разведение сельскохозяйственной птицы' },
  { code: '10.11', title: 'Переработка и консервирование мяса' },
  { code: '10.51', title: 'Производство молока и молочной продукции' },
  { code: '10.71', title: 'Производство хлеба и мучных кондитерских изделий' },
  { code: '16.10', title: 'Распиловка и строгание древесины' },
  { code: '23.61', title: 'Производство изделий из бетона для использования в строительстве' },
  { code: '41.20', title: 'Строительство жилых и нежилых зданий' },
  { code: '42.11', title: 'Строительство автомобильных дорог и автомагистралей' },
  { code: '42.21', title: 'Строительство инженерных коммуникаций для водоснабжения и водоотведения' },
  { code: '43.21', title: 'Производство электромонтажных работ' },
  { code: '43.31', title: 'Производство штукатурных работ' },
  { code: '43.99', title: 'Работы строительные специализированные прочие' },
  { code: '47.11', title: 'Торговля розничная преимущественно пищевыми продуктами в неспециализированных магазинах' },
  { code: '47.25', title: 'Торговля розничная напитками в специализированных магазинах' },
  { code: '49.31', title: 'Деятельность сухопутного пассажирского транспорта: внутригородские и пригородные перевозки' },
  { code: '49.32', title: 'Деятельность легкового такси и арендованных легковых автомобилей с водителем' },
  { code: '49.41', title: 'Деятельность автомобильного грузового транспорта' },
  { code: '52.10', title: 'Деятельность по складированию и хранению' },
  { code: '53.20', title: 'Деятельность почтовой связи прочая и курьерская деятельность' },
  { code: '56.10', title: 'Деятельность ресторанов и услуги по доставке продуктов питания' },
  { code: '56.30', title: 'Подача напитков' },
  { code: '68.32', title: 'Управление недвижимым имуществом за вознаграждение или на договорной основе' },
  { code: '81.10', title: 'Деятельность по комплексному обслуживанию помещений' },
  { code: '81.29', title: 'Деятельность по чистке и уборке прочая' },
];
