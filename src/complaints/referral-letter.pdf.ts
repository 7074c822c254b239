import PDFDocument from 'pdfkit';

/**
 * DejaVu Sans (free licence, shipped with the `dejavu-fonts-ttf` package): the PDF's standard
 * fonts have no Cyrillic, so a Russian letter needs an embedded font. pdfkit embeds only the
 * glyphs used, so a letter stays a few tens of kilobytes.
 */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/**
 * The referral letter as an A4 PDF: its text and nothing else (the text already holds only what
 * the worker's consent covers). Dated by the referral, so the same letter gives the same document.
 */
export function referralLetterPdf(letter: string, meta: { title: string; createdAt: Date }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 70, right: 56 },
      info: { Title: meta.title, Creator: 'Omsk migrant recruitment centre', CreationDate: meta.createdAt, ModDate: meta.createdAt },
      lang: 'ru-RU',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT).fontSize(11).text(letter, { align: 'left', lineGap: 2 });
    doc.end();
  });
}
