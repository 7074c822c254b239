/**
 * CSV as Excel in a Russian locale reads it without an import dialog: UTF-8 with a byte order mark
 * (so Cyrillic is not read as cp1251), `;` between cells (the list separator of the Russian locale;
 * a comma is the decimal separator there), decimals with a comma, CRLF line ends, and RFC 4180 quoting.
 * Pure functions; the writer in export-writers.ts streams their output.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
const LINE_END = '\r\n';

/** A cell's value as the exports hold it: text, a number, a day (`YYYY-MM-DD`, written as text) or nothing. */
export type CellValue = string | number | null;

/** A text cell that a spreadsheet would take for a formula (or that hides one behind a tab or a line feed). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * A text neutralised against formula injection (CSV injection, OWASP): a cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is prefixed with `'`, which Excel shows as text. Numbers are
 * the exporter's own and are never text, so a negative number stays a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell: quoted when it holds the separator, a quote or a line break; quotes doubled. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const text = neutraliseFormula(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, with its line end. */
export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvCell).join(CSV_SEPARATOR) + LINE_END;
}
