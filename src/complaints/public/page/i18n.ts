/**
 * The words of the public complaint page, one typed table: Russian, Uzbek (Latin script), Tajik and
 * Kyrgyz (Cyrillic) and English. A missing phrase in any language is a compile error.
 */
import type { Category } from '../../complaint.rules';
import type { CoarseStatus } from '../../complaint.rules';
import { PUBLIC_LANGUAGES, type PublicLanguage } from '../public-complaint.rules';

export interface PageText {
  /** the html lang attribute */
  htmlLang: string;
  /** the language's own name, for the switch */
  name: string;
  title: string;
  intro: string;
  danger: string;
  category: string;
  chooseCategory: string;
  categories: Record<Category, string>;
  narrative: string;
  narrativeHint: string;
  employerName: string;
  place: string;
  wantsContact: string;
  contact: string;
  contactHint: string;
  submit: string;
  errorsTitle: string;
  errors: { required: string; tooLong: string; category: string; contactNotWanted: string; contactRequired: string };
  receiptTitle: string;
  receiptKeep: string;
  receiptNext: string;
  statusLink: string;
  newComplaint: string;
  statusTitle: string;
  statusIntro: string;
  reference: string;
  code: string;
  show: string;
  statusLabel: string;
  statuses: Record<CoarseStatus, string>;
  receivedOn: string;
  messages: string;
  fromCentre: string;
  fromYou: string;
  noMessages: string;
  message: string;
  send: string;
  sent: string;
  notFound: string;
  closed: string;
  /** {minutes} is replaced */
  throttled: string;
  intakeThrottled: string;
  language: string;
}

export const TEXT: Record<PublicLanguage, PageText> = {
  ru: {
    htmlLang: 'ru',
    name: 'Русский',
    title: 'Жалоба в Центр',
    intro: 'Расскажите, что случилось. Имя называть не нужно. Жалобу прочитают только сотрудники Центра; работодатель о ней не узнает.',
    danger: 'Если вам угрожает опасность прямо сейчас, звоните 112.',
    category: 'Что случилось?',
    chooseCategory: '— выберите —',
    categories: {
      UNPAID_WAGES: 'Не платят зарплату',
      WAGE_BELOW_AGREED: 'Платят меньше, чем договаривались',
      DOCUMENT_CONFISCATION: 'Забрали паспорт или другие документы',
      UNSAFE_CONDITIONS: 'Опасные условия работы',
      HOUSING: 'Плохое жильё',
      VIOLENCE_OR_THREATS: 'Насилие или угрозы',
      FORCED_LABOUR: 'Заставляют работать, не отпускают',
      DISCRIMINATION: 'Дискриминация',
      OFFICIAL_MISCONDUCT: 'Незаконные действия чиновника или полиции',
      RECRUITMENT_FEE_FRAUD: 'Взяли деньги за трудоустройство и обманули',
      OTHER: 'Другое',
    },
    narrative: 'Опишите, что произошло',
    narrativeHint: 'Когда, где, кто. Можно писать на любом языке.',
    employerName: 'Работодатель или на кого жалоба (необязательно)',
    place: 'Где это было: город, объект, адрес (необязательно)',
    wantsContact: 'Я хочу, чтобы со мной связались',
    contact: 'Как с вами связаться (телефон, мессенджер)',
    contactHint: 'Укажите, только если отметили пункт выше.',
    submit: 'Отправить жалобу',
    errorsTitle: 'Проверьте форму:',
    errors: {
      required: 'Заполните это поле.',
      tooLong: 'Слишком длинно: не больше {max} знаков.',
      category: 'Выберите, что случилось.',
      contactNotWanted: 'Отметьте «Я хочу, чтобы со мной связались» или сотрите контакт.',
      contactRequired: 'Укажите, как с вами связаться.',
    },
    receiptTitle: 'Жалоба принята',
    receiptKeep:
      'Сохраните номер и код: сфотографируйте экран, запишите или распечатайте эту страницу. ' +
      'Код показывается только один раз, восстановить его нельзя. Никому его не показывайте.',
    receiptNext: 'По номеру и коду можно узнать, что с жалобой, и написать нам.',
    statusLink: 'Узнать, что с жалобой',
    newComplaint: 'Новая жалоба',
    statusTitle: 'Что с моей жалобой',
    statusIntro: 'Введите номер жалобы и код доступа из квитанции.',
    reference: 'Номер жалобы',
    code: 'Код доступа',
    show: 'Показать',
    statusLabel: 'Состояние',
    statuses: { RECEIVED: 'Получена', IN_PROGRESS: 'Рассматривается', CLOSED: 'Закрыта' },
    receivedOn: 'Дата получения',
    messages: 'Сообщения',
    fromCentre: 'Центр',
    fromYou: 'Вы',
    noMessages: 'Сообщений пока нет.',
    message: 'Написать в Центр',
    send: 'Отправить',
    sent: 'Сообщение отправлено.',
    notFound: 'Жалоба с таким номером и кодом не найдена. Проверьте номер и код.',
    closed: 'Эта жалоба давно закрыта. Обратитесь в Центр напрямую.',
    throttled: 'Слишком много попыток. Попробуйте снова через {minutes} мин.',
    intakeThrottled: 'С этого адреса отправлено слишком много жалоб. Попробуйте снова через {minutes} мин.',
    language: 'Язык',
  },
  uz: {
    htmlLang: 'uz-Latn',
    name: 'O‘zbekcha',
    title: 'Markazga shikoyat',
    intro: 'Nima bo‘lganini aytib bering. Ismingizni aytishingiz shart emas. Shikoyatni faqat Markaz xodimlari o‘qiydi; ish beruvchi bu haqda bilmaydi.',
    danger: 'Agar hozir sizga xavf tahdid solayotgan bo‘lsa, 112 raqamiga qo‘ng‘iroq qiling.',
    category: 'Nima bo‘ldi?',
    chooseCategory: '— tanlang —',
    categories: {
      UNPAID_WAGES: 'Ish haqi to‘lanmayapti',
      WAGE_BELOW_AGREED: 'Kelishilganidan kam to‘lashyapti',
      DOCUMENT_CONFISCATION: 'Pasport yoki boshqa hujjatlarni olib qo‘yishdi',
      UNSAFE_CONDITIONS: 'Xavfli ish sharoitlari',
      HOUSING: 'Yomon turar joy',
      VIOLENCE_OR_THREATS: 'Zo‘ravonlik yoki tahdid',
      FORCED_LABOUR: 'Majburan ishlatishyapti, qo‘yib yuborishmayapti',
      DISCRIMINATION: 'Kamsitish',
      OFFICIAL_MISCONDUCT: 'Amaldor yoki politsiyaning noqonuniy harakatlari',
      RECRUITMENT_FEE_FRAUD: 'Ishga joylash uchun pul olib, aldashdi',
      OTHER: 'Boshqa',
    },
    narrative: 'Nima bo‘lganini yozing',
    narrativeHint: 'Qachon, qayerda, kim. Istalgan tilda yozishingiz mumkin.',
    employerName: 'Ish beruvchi yoki kimdan shikoyat qilyapsiz (ixtiyoriy)',
    place: 'Bu qayerda bo‘ldi: shahar, obyekt, manzil (ixtiyoriy)',
    wantsContact: 'Men bilan bog‘lanishlarini xohlayman',
    contact: 'Siz bilan qanday bog‘lanish mumkin (telefon, messenjer)',
    contactHint: 'Faqat yuqoridagi bandni belgilagan bo‘lsangiz yozing.',
    submit: 'Shikoyatni yuborish',
    errorsTitle: 'Shaklni tekshiring:',
    errors: {
      required: 'Bu maydonni to‘ldiring.',
      tooLong: 'Juda uzun: {max} belgidan oshmasin.',
      category: 'Nima bo‘lganini tanlang.',
      contactNotWanted: '«Men bilan bog‘lanishlarini xohlayman» bandini belgilang yoki aloqa ma’lumotini o‘chiring.',
      contactRequired: 'Siz bilan qanday bog‘lanish mumkinligini yozing.',
    },
    receiptTitle: 'Shikoyat qabul qilindi',
    receiptKeep:
      'Raqam va kodni saqlab qo‘ying: ekranni suratga oling, yozib oling yoki bu sahifani chop eting. ' +
      'Kod faqat bir marta ko‘rsatiladi, uni tiklab bo‘lmaydi. Uni hech kimga ko‘rsatmang.',
    receiptNext: 'Raqam va kod orqali shikoyatingiz holatini bilishingiz va bizga yozishingiz mumkin.',
    statusLink: 'Shikoyat holatini bilish',
    newComplaint: 'Yangi shikoyat',
    statusTitle: 'Shikoyatimning holati',
    statusIntro: 'Kvitansiyadagi shikoyat raqami va kirish kodini kiriting.',
    reference: 'Shikoyat raqami',
    code: 'Kirish kodi',
    show: 'Ko‘rsatish',
    statusLabel: 'Holati',
    statuses: { RECEIVED: 'Qabul qilindi', IN_PROGRESS: 'Ko‘rib chiqilmoqda', CLOSED: 'Yopildi' },
    receivedOn: 'Qabul qilingan sana',
    messages: 'Xabarlar',
    fromCentre: 'Markaz',
    fromYou: 'Siz',
    noMessages: 'Hozircha xabarlar yo‘q.',
    message: 'Markazga yozish',
    send: 'Yuborish',
    sent: 'Xabar yuborildi.',
    notFound: 'Bunday raqam va kodli shikoyat topilmadi. Raqam va kodni tekshiring.',
    closed: 'Bu shikoyat ancha oldin yopilgan. Markazga to‘g‘ridan-to‘g‘ri murojaat qiling.',
    throttled: 'Urinishlar juda ko‘p. {minutes} daqiqadan keyin qayta urinib ko‘ring.',
    intakeThrottled: 'Bu manzildan juda ko‘p shikoyat yuborildi. {minutes} daqiqadan keyin qayta urinib ko‘ring.',
    language: 'Til',
  },
  tg: {
    htmlLang: 'tg',
    name: 'Тоҷикӣ',
    title: 'Шикоят ба Марказ',
    intro: 'Нақл кунед, ки чӣ шуд. Номатонро гуфтан шарт нест. Шикоятро танҳо кормандони Марказ мехонанд; корфармо аз он огоҳ намешавад.',
    danger: 'Агар ҳозир ба шумо хатар таҳдид кунад, ба 112 занг занед.',
    category: 'Чӣ шуд?',
    chooseCategory: '— интихоб кунед —',
    categories: {
      UNPAID_WAGES: 'Музди меҳнат намедиҳанд',
      WAGE_BELOW_AGREED: 'Аз музди мувофиқашуда камтар медиҳанд',
      DOCUMENT_CONFISCATION: 'Шиноснома ё дигар ҳуҷҷатҳоро гирифтанд',
      UNSAFE_CONDITIONS: 'Шароити хатарноки кор',
      HOUSING: 'Манзили бад',
      VIOLENCE_OR_THREATS: 'Зӯроварӣ ё таҳдид',
      FORCED_LABOUR: 'Маҷбуран кор мефармоянд, намегузоранд, ки равам',
      DISCRIMINATION: 'Табъиз',
      OFFICIAL_MISCONDUCT: 'Амалҳои ғайриқонунии мансабдор ё пулис',
      RECRUITMENT_FEE_FRAUD: 'Барои ба кор ҷойгир кардан пул гирифта, фиреб доданд',
      OTHER: 'Дигар',
    },
    narrative: 'Нависед, ки чӣ рӯй дод',
    narrativeHint: 'Кай, дар куҷо, кӣ. Бо ҳар забон навиштан мумкин.',
    employerName: 'Корфармо ё аз кӣ шикоят мекунед (ихтиёрӣ)',
    place: 'Ин дар куҷо буд: шаҳр, объект, суроға (ихтиёрӣ)',
    wantsContact: 'Мехоҳам, ки бо ман тамос гиранд',
    contact: 'Бо шумо чӣ тавр тамос гирем (телефон, мессенҷер)',
    contactHint: 'Танҳо агар банди болоро қайд карда бошед, нависед.',
    submit: 'Фиристодани шикоят',
    errorsTitle: 'Шаклро санҷед:',
    errors: {
      required: 'Ин майдонро пур кунед.',
      tooLong: 'Хеле дароз: на зиёда аз {max} аломат.',
      category: 'Интихоб кунед, ки чӣ шуд.',
      contactNotWanted: 'Банди «Мехоҳам, ки бо ман тамос гиранд»-ро қайд кунед ё маълумоти тамосро пок кунед.',
      contactRequired: 'Нависед, ки бо шумо чӣ тавр тамос гирем.',
    },
    receiptTitle: 'Шикоят қабул шуд',
    receiptKeep:
      'Рақам ва рамзро нигоҳ доред: аз экран сурат гиред, нависед ё ин саҳифаро чоп кунед. ' +
      'Рамз танҳо як бор нишон дода мешавад, барқарор кардани он ғайриимкон аст. Онро ба касе нишон надиҳед.',
    receiptNext: 'Бо рақам ва рамз метавонед ҳолати шикоятро бинед ва ба мо нависед.',
    statusLink: 'Ҳолати шикоятро донистан',
    newComplaint: 'Шикояти нав',
    statusTitle: 'Ҳолати шикояти ман',
    statusIntro: 'Рақами шикоят ва рамзи дастрасиро аз квитансия ворид кунед.',
    reference: 'Рақами шикоят',
    code: 'Рамзи дастрасӣ',
    show: 'Нишон додан',
    statusLabel: 'Ҳолат',
    statuses: { RECEIVED: 'Қабул шуд', IN_PROGRESS: 'Дар баррасӣ', CLOSED: 'Баста шуд' },
    receivedOn: 'Санаи қабул',
    messages: 'Паёмҳо',
    fromCentre: 'Марказ',
    fromYou: 'Шумо',
    noMessages: 'Ҳоло паёме нест.',
    message: 'Ба Марказ навиштан',
    send: 'Фиристодан',
    sent: 'Паём фиристода шуд.',
    notFound: 'Шикоят бо чунин рақам ва рамз ёфт нашуд. Рақам ва рамзро санҷед.',
    closed: 'Ин шикоят кайҳо баста шудааст. Бевосита ба Марказ муроҷиат кунед.',
    throttled: 'Кӯшишҳо хеле зиёданд. Баъд аз {minutes} дақиқа боз кӯшиш кунед.',
    intakeThrottled: 'Аз ин суроға шикоятҳои хеле зиёд фиристода шуданд. Баъд аз {minutes} дақиқа боз кӯшиш кунед.',
    language: 'Забон',
  },
  ky: {
    htmlLang: 'ky',
    name: 'Кыргызча',
    title: 'Борборго даттануу',
    intro: 'Эмне болгонун айтып бериңиз. Атыңызды айтуунун кереги жок. Даттанууну Борбордун кызматкерлери гана окушат; иш берүүчү бул тууралуу билбейт.',
    danger: 'Эгер азыр сизге коркунуч туулса, 112ге чалыңыз.',
    category: 'Эмне болду?',
    chooseCategory: '— тандаңыз —',
    categories: {
      UNPAID_WAGES: 'Эмгек акы төлөнбөй жатат',
      WAGE_BELOW_AGREED: 'Макулдашылгандан аз төлөп жатышат',
      DOCUMENT_CONFISCATION: 'Паспортту же башка документтерди алып коюшту',
      UNSAFE_CONDITIONS: 'Коопсуз эмес иш шарттары',
      HOUSING: 'Начар турак жай',
      VIOLENCE_OR_THREATS: 'Зордук-зомбулук же коркутуу',
      FORCED_LABOUR: 'Мажбурлап иштетишет, кетирбей жатышат',
      DISCRIMINATION: 'Басмырлоо',
      OFFICIAL_MISCONDUCT: 'Кызмат адамынын же милициянын мыйзамсыз аракеттери',
      RECRUITMENT_FEE_FRAUD: 'Жумушка орноштуруу үчүн акча алып, алдап кетишти',
      OTHER: 'Башка',
    },
    narrative: 'Эмне болгонун жазыңыз',
    narrativeHint: 'Качан, кайда, ким. Каалаган тилде жазсаңыз болот.',
    employerName: 'Иш берүүчү же кимге даттанып жатасыз (милдеттүү эмес)',
    place: 'Бул кайда болду: шаар, объект, дарек (милдеттүү эмес)',
    wantsContact: 'Мени менен байланышышын каалайм',
    contact: 'Сиз менен кантип байланышса болот (телефон, мессенжер)',
    contactHint: 'Жогорудагы пунктту белгилесеңиз гана жазыңыз.',
    submit: 'Даттанууну жөнөтүү',
    errorsTitle: 'Форманы текшериңиз:',
    errors: {
      required: 'Бул талааны толтуруңуз.',
      tooLong: 'Өтө узун: {max} белгиден ашпасын.',
      category: 'Эмне болгонун тандаңыз.',
      contactNotWanted: '«Мени менен байланышышын каалайм» пунктун белгилеңиз же байланыш маалыматын өчүрүңүз.',
      contactRequired: 'Сиз менен кантип байланышса болорун жазыңыз.',
    },
    receiptTitle: 'Даттануу кабыл алынды',
    receiptKeep:
      'Номерди жана кодду сактап коюңуз: экранды сүрөткө тартыңыз, жазып алыңыз же бул баракты басып чыгарыңыз. ' +
      'Код бир гана жолу көрсөтүлөт, аны калыбына келтирүүгө болбойт. Аны эч кимге көрсөтпөңүз.',
    receiptNext: 'Номер жана код менен даттануунун абалын билип, бизге жаза аласыз.',
    statusLink: 'Даттануунун абалын билүү',
    newComplaint: 'Жаңы даттануу',
    statusTitle: 'Менин даттануумдун абалы',
    statusIntro: 'Квитанциядагы даттануунун номерин жана кирүү кодун киргизиңиз.',
    reference: 'Даттануунун номери',
    code: 'Кирүү коду',
    show: 'Көрсөтүү',
    statusLabel: 'Абалы',
    statuses: { RECEIVED: 'Кабыл алынды', IN_PROGRESS: 'Каралып жатат', CLOSED: 'Жабылды' },
    receivedOn: 'Кабыл алынган күнү',
    messages: 'Билдирүүлөр',
    fromCentre: 'Борбор',
    fromYou: 'Сиз',
    noMessages: 'Азырынча билдирүү жок.',
    message: 'Борборго жазуу',
    send: 'Жөнөтүү',
    sent: 'Билдирүү жөнөтүлдү.',
    notFound: 'Мындай номер жана код менен даттануу табылган жок. Номерди жана кодду текшериңиз.',
    closed: 'Бул даттануу эбак жабылган. Борборго түз кайрылыңыз.',
    throttled: 'Аракеттер өтө көп. {minutes} мүнөттөн кийин кайра аракет кылыңыз.',
    intakeThrottled: 'Бул даректен өтө көп даттануу жөнөтүлдү. {minutes} мүнөттөн кийин кайра аракет кылыңыз.',
    language: 'Тил',
  },
  en: {
    htmlLang: 'en',
    name: 'English',
    title: 'Complaint to the Centre',
    intro: 'Tell us what happened. You do not have to give your name. Only the Centre’s staff read complaints; your employer will not learn of it.',
    danger: 'If you are in danger right now, call 112.',
    category: 'What happened?',
    chooseCategory: '— choose —',
    categories: {
      UNPAID_WAGES: 'My wages are not paid',
      WAGE_BELOW_AGREED: 'I am paid less than agreed',
      DOCUMENT_CONFISCATION: 'My passport or other documents were taken away',
      UNSAFE_CONDITIONS: 'Unsafe working conditions',
      HOUSING: 'Poor housing',
      VIOLENCE_OR_THREATS: 'Violence or threats',
      FORCED_LABOUR: 'I am forced to work and not allowed to leave',
      DISCRIMINATION: 'Discrimination',
      OFFICIAL_MISCONDUCT: 'Misconduct by an official or the police',
      RECRUITMENT_FEE_FRAUD: 'I paid for a job and was cheated',
      OTHER: 'Something else',
    },
    narrative: 'Describe what happened',
    narrativeHint: 'When, where, who. You may write in any language.',
    employerName: 'The employer, or whom you complain about (optional)',
    place: 'Where it happened: town, site, address (optional)',
    wantsContact: 'I want to be contacted',
    contact: 'How to reach you (phone, messenger)',
    contactHint: 'Only if you ticked the box above.',
    submit: 'Send the complaint',
    errorsTitle: 'Please check the form:',
    errors: {
      required: 'Please fill in this field.',
      tooLong: 'Too long: at most {max} characters.',
      category: 'Choose what happened.',
      contactNotWanted: 'Tick “I want to be contacted” or clear the contact.',
      contactRequired: 'Tell us how to reach you.',
    },
    receiptTitle: 'Complaint received',
    receiptKeep:
      'Keep the number and the code: take a photo of the screen, write them down or print this page. ' +
      'The code is shown only once and cannot be recovered. Do not show it to anyone.',
    receiptNext: 'With the number and the code you can see what happens to your complaint and write to us.',
    statusLink: 'See what happens to my complaint',
    newComplaint: 'New complaint',
    statusTitle: 'My complaint',
    statusIntro: 'Enter the complaint number and the access code from your receipt.',
    reference: 'Complaint number',
    code: 'Access code',
    show: 'Show',
    statusLabel: 'Status',
    statuses: { RECEIVED: 'Received', IN_PROGRESS: 'In progress', CLOSED: 'Closed' },
    receivedOn: 'Received on',
    messages: 'Messages',
    fromCentre: 'Centre',
    fromYou: 'You',
    noMessages: 'No messages yet.',
    message: 'Write to the Centre',
    send: 'Send',
    sent: 'Your message was sent.',
    notFound: 'No complaint has this number and code. Please check them.',
    closed: 'This complaint was closed long ago. Please contact the Centre directly.',
    throttled: 'Too many attempts. Try again in {minutes} min.',
    intakeThrottled: 'Too many complaints were sent from this address. Try again in {minutes} min.',
    language: 'Language',
  },
};

const isLanguage = (l: string): l is PublicLanguage => (PUBLIC_LANGUAGES as readonly string[]).includes(l);

/**
 * The page's language: `?lang=` (or the form's hidden field) when it is one of ours, else the first
 * of ours in Accept-Language by preference (q), else Russian, which every worker from the region reads.
 */
export function pageLanguage(asked: unknown, acceptLanguage: string | undefined): PublicLanguage {
  if (typeof asked === 'string' && isLanguage(asked.toLowerCase())) return asked.toLowerCase() as PublicLanguage;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((w) => w.q > 0 && isLanguage(w.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (wanted[0]?.lang as PublicLanguage | undefined) ?? 'ru';
}
