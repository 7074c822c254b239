import { inflateSync } from 'node:zlib';
import { referralLetterPdf } from './referral-letter.pdf';

const LETTER = [
  'Центр организованного набора трудовых мигрантов, г. Омск',
  'Исх. по обращению C-2026-ABCDEF от 2026-03-01',
  'Кому: Гострудинспекция в Омской области',
  '',
  'Категория жалобы: невыплата заработной платы',
].join('\n');
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
/** The decompressed streams of a PDF (pdfkit deflates each). */
const streams = (pdf: Buffer) => {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  for (let at = text.indexOf('stream\n'); at >= 0; at = text.indexOf('stream\n', at + 1)) {
    const end = text.indexOf('\nendstream', at);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
    } catch {
      // not deflated (or not a stream start): skipped
    }
  }
  return out;
};
const meta = { title: 'Referral C-2026-ABCDEF', createdAt: new Date('2026-03-01T09:00:00Z') };

describe('referralLetterPdf', () => {
  it('is a one-page PDF with the Cyrillic font embedded (subset), a few tens of kilobytes', async () => {
    const pdf = await referralLetterPdf(LETTER, meta);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pages(pdf)).toBe(1);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(text).toContain('/FontFile2');
    expect(text).not.toContain('/Helvetica');
    // the embedded font's map back to Unicode holds the Cyrillic letters drawn: Ц (U+0426), ж (U+0436), О (U+041E)
    const cmap = streams(pdf).find((s) => s.includes('beginbfrange') || s.includes('beginbfchar'));
    expect(cmap).toBeDefined();
    for (const code of ['0426', '0436', '041e']) expect(cmap!.toLowerCase()).toContain(`<${code}>`);
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('flows a long letter onto more pages', async () => {
    const pdf = await referralLetterPdf(`${LETTER}\n\nИзложение обстоятельств: ${'Три месяца без оплаты труда на стройке. '.repeat(400)}`, meta);
    expect(pages(pdf)).toBeGreaterThan(2);
  });

  it('the same letter gives the same document', async () => {
    const [a, b] = await Promise.all([referralLetterPdf(LETTER, meta), referralLetterPdf(LETTER, meta)]);
    expect(a.equals(b)).toBe(true);
  });
});
