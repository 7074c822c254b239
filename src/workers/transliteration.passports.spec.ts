import { searchQuery, searchText } from './transliteration';

/**
 * Forty surnames and given names as printed in Uzbek, Tajik and Kyrgyz passports (Latin) next to
 * the Russian spelling used in Russian migration documents. A record kept under the Russian
 * spelling must be found by the passport spelling, and the other way round.
 */
const PASSPORT_VS_RUSSIAN: [string, string][] = [
  ['XOLMATOV', 'Холматов'],
  ['TOSHMATOV', 'Тошматов'],
  ['ERGASHEV', 'Эргашев'],
  ['QURBONOV', 'Курбонов'],
  ["G'ULOMOV", 'Гуломов'],
  ["O'RINBOYEV", 'Уринбоев'],
  ['RAXIMOV', 'Рахимов'],
  ['XUSANOV', 'Хусанов'],
  ['NORQULOV', 'Норкулов'],
  ['SHODIYEV', 'Шодиев'],
  ["YO'LDOSHEV", 'Юлдошев'],
  ['MIRZAYEV', 'Мирзаев'],
  ["JO'RAYEV", 'Жураев'],
  ['XAYDAROV', 'Хайдаров'],
  ['ISMOILOV', 'Исмоилов'],
  ['SAIDOV', 'Саидов'],
  ['RAHMONOV', 'Рахмонов'],
  ['SHARIPOV', 'Шарипов'],
  ['KHOLOV', 'Холов'],
  ['JURAEV', 'Джураев'],
  ['SAFAROV', 'Сафаров'],
  ['NAZAROV', 'Назаров'],
  ['DAVLATOV', 'Давлатов'],
  ['KHUDOYNAZAROV', 'Худойназаров'],
  ['ZIYOEV', 'Зиёев'],
  ['ABDULLOEV', 'Абдуллоев'],
  ['MAMATOV', 'Маматов'],
  ['TOKTOSUNOV', 'Токтосунов'],
  ['ZHUMABEKOV', 'Жумабеков'],
  ['ASANOV', 'Асанов'],
  ['USENOV', 'Усенов'],
  ['ABDYKADYROV', 'Абдыкадыров'],
  ['DZHUNUSOV', 'Джунусов'],
  ['SYDYKOV', 'Сыдыков'],
  ['TURDUBAEV', 'Турдубаев'],
  ['KADYRBEKOV', 'Кадырбеков'],
  ['SHERZOD', 'Шерзод'],
  ['BAKHTIYOR', 'Бахтиёр'],
  ['DILSHOD', 'Дилшод'],
  ['NURSULTAN', 'Нурсултан'],
  ['FARRUKH', 'Фаррух'],
  ['AZIZBEK', 'Азизбек'],
];

describe('passport spellings against the Russian spelling', () => {
  it('has at least forty pairs', () => expect(PASSPORT_VS_RUSSIAN.length).toBeGreaterThanOrEqual(40));

  it.each(PASSPORT_VS_RUSSIAN)('%s ⇄ %s', (latin, russian) => {
    expect(searchText({ lastNameCyr: russian }).split(' ')).toContain(searchQuery(latin));
    expect(searchText({ lastNameLat: latin }).split(' ')).toContain(searchQuery(russian));
  });
});
