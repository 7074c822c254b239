/**
 * The public complaint page (issue #18, item 8), rendered on the server: no script, no external
 * asset, one inline style allowed by its hash in the Content-Security-Policy. Handlebars escapes every
 * value it writes; the only unescaped parts are the style and the rendered body inside the layout.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { writtenDate } from '../../../deadlines/notices';
import { CATEGORIES, type Category } from '../../complaint.rules';
import type { PublicComplaintReceiptDto, PublicComplaintStatusDto } from '../dto/public-complaint.dto';
import { PUBLIC_LANGUAGES, type PublicLanguage } from '../public-complaint.rules';
import { type PageText, TEXT } from './i18n';

const CSS = [
  'body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:40em;padding:.75em;color:#111;background:#fff}',
  'h1{font-size:1.4em;margin:.5em 0}h2{font-size:1.15em}',
  'label{display:block;font-weight:600;margin-top:1em}',
  'input,select,textarea,button{font:inherit;width:100%;box-sizing:border-box;padding:.55em;margin-top:.25em;border:1px solid #777;border-radius:4px}',
  '.check{margin-top:1em}.check input{width:auto;margin-right:.4em}.check label{display:inline;font-weight:400}',
  'button{margin-top:1.25em;background:#0b57d0;color:#fff;border:0;font-weight:600}',
  '.hint{color:#555;margin:.2em 0;font-size:.9em}',
  '.err{color:#a00;margin:.2em 0}.errors{color:#a00;border:2px solid #a00;padding:.5em;margin:1em 0}',
  '.warn{background:#fff3cd;padding:.5em}.ok{background:#e6f4ea;padding:.5em}',
  '.langs{margin:.25em 0 1em}.langs a,.langs strong{display:inline-block;margin:0 .7em .3em 0}',
  '.receipt dt{margin-top:.6em}.receipt dd{font:700 1.35em/1.4 ui-monospace,monospace;margin:0;letter-spacing:.05em;word-break:break-all}',
  '.messages{list-style:none;padding:0}.messages li{border-left:4px solid #999;padding:.25em .6em;margin:.6em 0}.messages .you{border-color:#0b57d0}',
  '.text{white-space:pre-wrap;margin:.2em 0}.meta{color:#555;font-size:.85em;margin:0}',
  '@media print{.langs,form,.nav{display:none}}',
].join('');

/** The page's policy: nothing but this one style, forms posted only here, never framed. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const hbs = Handlebars.create();
const compile = (source: string) => hbs.compile(source, { strict: false, noEscape: false });

const LAYOUT = compile(`<!doctype html>
<html lang="{{t.htmlLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{{title}} · {{t.title}}</title>
<style>{{{css}}}</style>
</head>
<body>
{{#if langs}}<nav class="langs" aria-label="{{t.language}}">
{{~#each langs}}
{{~#if current}}<strong lang="{{htmlLang}}">{{name}}</strong>
{{~else}}<a href="{{href}}" lang="{{htmlLang}}" hreflang="{{htmlLang}}">{{name}}</a>
{{~/if}}
{{~/each}}</nav>{{/if}}
<main>
{{{body}}}
</main>
</body>
</html>
`);

const FORM = compile(`<h1>{{t.title}}</h1>
<p>{{t.intro}}</p>
<p class="warn">{{t.danger}}</p>
{{#if errors.length}}<div class="errors" role="alert" id="errors"><p>{{t.errorsTitle}}</p><ul>
{{~#each errors}}<li>{{#if field}}<a href="#{{field}}">{{message}}</a>{{else}}{{message}}{{/if}}</li>{{/each}}</ul></div>{{/if}}
<form method="post" action="/complaint" autocomplete="off">
<input type="hidden" name="lang" value="{{lang}}">
<label for="category">{{t.category}}</label>
{{#if fieldErrors.category}}<p class="err">{{fieldErrors.category}}</p>{{/if}}
<select id="category" name="category">
<option value="">{{t.chooseCategory}}</option>
{{#each categories}}<option value="{{value}}"{{#if selected}} selected{{/if}}>{{label}}</option>
{{/each}}</select>
<label for="narrative">{{t.narrative}}</label>
<p class="hint">{{t.narrativeHint}}</p>
{{#if fieldErrors.narrative}}<p class="err">{{fieldErrors.narrative}}</p>{{/if}}
<textarea id="narrative" name="narrative" rows="8" maxlength="20000">{{values.narrative}}</textarea>
<label for="employerName">{{t.employerName}}</label>
{{#if fieldErrors.employerName}}<p class="err">{{fieldErrors.employerName}}</p>{{/if}}
<input id="employerName" name="employerName" maxlength="300" value="{{values.employerName}}">
<label for="place">{{t.place}}</label>
{{#if fieldErrors.place}}<p class="err">{{fieldErrors.place}}</p>{{/if}}
<input id="place" name="place" maxlength="300" value="{{values.place}}">
<p class="check"><input type="checkbox" id="wantsContact" name="wantsContact" value="yes"
{{~#if values.wantsContact}} checked{{/if}}><label for="wantsContact">{{t.wantsContact}}</label></p>
<label for="contact">{{t.contact}}</label>
<p class="hint">{{t.contactHint}}</p>
{{#if fieldErrors.contact}}<p class="err">{{fieldErrors.contact}}</p>{{/if}}
<input id="contact" name="contact" maxlength="200" value="{{values.contact}}">
<button type="submit" id="submit">{{t.submit}}</button>
</form>
<p class="nav"><a href="/complaint/status?lang={{lang}}">{{t.statusLink}}</a></p>
`);

const RECEIPT = compile(`<h1>{{t.receiptTitle}}</h1>
<dl class="receipt">
<dt>{{t.reference}}</dt><dd id="reference">{{receipt.reference}}</dd>
<dt>{{t.code}}</dt><dd id="access-code">{{receipt.accessCode}}</dd>
</dl>
<p class="warn">{{t.receiptKeep}}</p>
<p>{{t.receiptNext}}</p>
<p class="nav"><a href="/complaint/status?lang={{lang}}">{{t.statusLink}}</a></p>
`);

const STATUS_FORM = compile(`<h1>{{t.statusTitle}}</h1>
<p>{{t.statusIntro}}</p>
{{#if error}}<div class="errors" role="alert" id="errors"><p>{{error}}</p></div>{{/if}}
<form method="post" action="/complaint/status" autocomplete="off">
<input type="hidden" name="lang" value="{{lang}}">
<label for="reference">{{t.reference}}</label>
<input id="reference" name="reference" maxlength="40" value="{{reference}}" autocapitalize="characters" spellcheck="false">
<label for="code">{{t.code}}</label>
<input id="code" name="code" maxlength="40" autocapitalize="characters" spellcheck="false">
<button type="submit" id="show">{{t.show}}</button>
</form>
<p class="nav"><a href="/complaint?lang={{lang}}">{{t.newComplaint}}</a></p>
`);

const STATUS = compile(`<h1>{{t.statusTitle}}</h1>
{{#if notice}}<p class="ok" role="status" id="notice">{{notice}}</p>{{/if}}
{{#if error}}<div class="errors" role="alert" id="errors"><p>{{error}}</p></div>{{/if}}
<dl class="receipt">
<dt>{{t.reference}}</dt><dd id="reference">{{status.reference}}</dd>
<dt>{{t.statusLabel}}</dt><dd id="status">{{statusText}}</dd>
<dt>{{t.receivedOn}}</dt><dd>{{receivedOn}}</dd>
</dl>
<h2>{{t.messages}}</h2>
{{#if messages.length}}<ol class="messages" id="messages">
{{~#each messages}}<li class="{{cls}}"><p class="meta">{{who}} · {{on}}</p><p class="text">{{text}}</p></li>
{{/each}}</ol>{{else}}<p id="messages">{{t.noMessages}}</p>{{/if}}
<form method="post" action="/complaint/status" autocomplete="off">
<input type="hidden" name="lang" value="{{lang}}">
<input type="hidden" name="reference" value="{{status.reference}}">
<input type="hidden" name="code" value="{{code}}">
<label for="message">{{t.message}}</label>
<textarea id="message" name="message" rows="4" maxlength="5000"></textarea>
<button type="submit" id="send">{{t.send}}</button>
</form>
<p class="nav"><a href="/complaint?lang={{lang}}">{{t.newComplaint}}</a></p>
`);

/** The language switch: the same page in each language (`?lang=`); left off pages a link would lose (a receipt, a status). */
function langs(path: string, current: PublicLanguage) {
  return PUBLIC_LANGUAGES.map((l) => ({ href: `${path}?lang=${l}`, htmlLang: TEXT[l].htmlLang, name: TEXT[l].name, current: l === current }));
}

function page(lang: PublicLanguage, title: string, body: string, switchPath?: string): string {
  return LAYOUT({ t: TEXT[lang], title, css: CSS, body, langs: switchPath ? langs(switchPath, lang) : null });
}

/** Replaces `{name}` in a phrase. */
export function phrase(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export interface FormValues {
  category: string;
  narrative: string;
  employerName: string;
  place: string;
  wantsContact: boolean;
  contact: string;
}

export interface FormError {
  /** the field's id, or '' for the whole form */
  field: string;
  message: string;
}

export function renderForm(lang: PublicLanguage, values?: Partial<FormValues>, errors: FormError[] = []): string {
  const t: PageText = TEXT[lang];
  const fieldErrors = Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field, e.message]));
  const categories = CATEGORIES.map((c: Category) => ({ value: c, label: t.categories[c], selected: values?.category === c }));
  return page(lang, t.title, FORM({ t, lang, values: values ?? {}, errors, fieldErrors, categories }), errors.length ? undefined : '/complaint');
}

export function renderReceipt(lang: PublicLanguage, receipt: PublicComplaintReceiptDto): string {
  const t = TEXT[lang];
  return page(lang, t.receiptTitle, RECEIPT({ t, lang, receipt }));
}

export function renderStatusForm(lang: PublicLanguage, reference = '', error?: string): string {
  const t = TEXT[lang];
  return page(lang, t.statusTitle, STATUS_FORM({ t, lang, reference, error }), error ? undefined : '/complaint/status');
}

export function renderStatus(lang: PublicLanguage, status: PublicComplaintStatusDto, code: string, notice?: string, error?: string): string {
  const t = TEXT[lang];
  const messages = status.messages.map((m) => ({
    cls: m.from === 'YOU' ? 'you' : 'centre',
    who: m.from === 'YOU' ? t.fromYou : t.fromCentre,
    on: writtenDate(m.at.slice(0, 10), lang),
    text: m.text,
  }));
  const body = STATUS({
    t,
    lang,
    status,
    code,
    notice,
    error,
    messages,
    statusText: t.statuses[status.status],
    receivedOn: writtenDate(status.receivedAt, lang),
  });
  return page(lang, t.statusTitle, body);
}
