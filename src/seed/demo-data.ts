/** The demo data set: fictional organisations and people, clearly marked as demo. */
export const DEMO_PASSWORD = 'Demo-Omsk-Centre-2026';

export const DEMO_AGENCIES = [
  { name: 'Samarkand Labour Mobility Agency (demo)', country: 'UZ' },
  { name: 'Khujand Employment Abroad Centre (demo)', country: 'TJ' },
  { name: 'Osh Recruitment Service (demo)', country: 'KG' },
];

// INNs and OGRNs below have valid check digits but belong to no real organisation in this data set
export const DEMO_EMPLOYERS = [
  { name: 'ООО «СибСтройМонтаж» (demo)', inn: '5501000018', okved: '41.20', sector: 'CONSTRUCTION' as const, address: 'Омск, ул. 10 лет Октября, 1' },
  { name: 'АО «Иртышская агрофирма» (demo)', inn: '5502000010', okved: '01.11', sector: 'AGRICULTURE' as const, address: 'Омская обл., Азовский район' },
  { name: 'ООО «Омский хлебозавод» (demo)', inn: '5503000013', okved: '10.71', sector: 'FOOD_PROCESSING' as const, address: 'Омск, ул. Красный Путь, 100' },
  { name: 'ИП Садыков Р. К. (demo)', inn: '550400000089', okved: '47.11', sector: 'TRADE' as const, address: 'Омск, рынок «Левобережный»' },
];

export const DEMO_USERS = [
  { email: 'staff@centre.example', fullName: 'Ирина Петрова (caseworker)', role: 'STAFF' as const },
  { email: 'liaison@centre.example', fullName: 'Алишер Каримов (liaison officer)', role: 'LIAISON' as const },
  { email: 'employer@centre.example', fullName: 'Сергей Волков (СибСтройМонтаж)', role: 'EMPLOYER' as const },
];

export const DEMO_LAST_NAMES: [string, string, string][] = [
  // Cyrillic, Latin as in the passport, citizenship
  ['Ахмедов', 'AKHMEDOV', 'UZ'],
  ['Каримов', 'KARIMOV', 'UZ'],
  ['Юсупов', 'YUSUPOV', 'UZ'],
  ['Қодиров', 'QODIROV', 'UZ'],
  ['Рахимов', 'RAKHIMOV', 'TJ'],
  ['Назаров', 'NAZAROV', 'TJ'],
  ['Шарипов', 'SHARIPOV', 'TJ'],
  ['Ҷалолов', 'JALOLOV', 'TJ'],
  ['Мамытов', 'MAMYTOV', 'KG'],
  ['Осмонов', 'OSMONOV', 'KG'],
  ['Токтосунов', 'TOKTOSUNOV', 'KG'],
  ['Жумабеков', 'ZHUMABEKOV', 'KZ'],
];

export const DEMO_FIRST_NAMES: [string, string][] = [
  ['Акмал', 'AKMAL'],
  ['Фаррух', 'FARRUKH'],
  ['Шерзод', 'SHERZOD'],
  ['Бахтиёр', 'BAKHTIYOR'],
  ['Рустам', 'RUSTAM'],
  ['Азамат', 'AZAMAT'],
  ['Нурлан', 'NURLAN'],
  ['Дилшод', 'DILSHOD'],
];

export const DEMO_OCCUPATIONS = ['bricklayer', 'concrete worker', 'farm labourer', 'baker', 'loader', 'welder', 'cleaner'];

/** The lifecycle path each demo worker walks, and where it stops. */
export const DEMO_PATH = ['CANDIDATE', 'SELECTED', 'IN_TRANSIT', 'ARRIVED', 'DOCUMENTS_IN_PROGRESS', 'READY_TO_WORK', 'EMPLOYED', 'BETWEEN_JOBS'] as const;
