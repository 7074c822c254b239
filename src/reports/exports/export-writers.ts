import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine } from './csv';
import type { Column, ColumnKind, Row } from './export-tables';

/** Writes a sheet to a stream a batch of rows at a time, waiting while the stream's reader catches up. */
export interface SheetWriter {
  write(rows: Row[]): Promise<void>;
  /** Finishes the file and ends the stream. */
  end(): Promise<void>;
}

/** Waits until the reader has taken what is buffered (rejects if the stream fails meanwhile). */
async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
}

export function csvWriter(out: Writable, columns: Column[]): SheetWriter {
  out.write(CSV_BOM + csvLine(columns.map((c) => c.header)));
  return {
    async write(rows) {
      out.write(rows.map(csvLine).join(''));
      await drained(out);
    },
    end() {
      out.end();
      return Promise.resolve();
    },
  };
}

/** Excel number formats per kind of column (Excel shows them in the reader's locale: `1 234,5` in Russian). */
const NUM_FMT: Record<ColumnKind, string | undefined> = { text: undefined, int: '#,##0', decimal: '0.0', money: '#,##0.00', date: 'dd.mm.yyyy' };

/** `YYYY-MM-DD` as the instant Excel stores for that day (midnight UTC: exceljs counts days in UTC). */
const dayOf = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * An XLSX workbook of one sheet, written by exceljs' streaming writer (rows are committed and leave
 * memory as they are written): a bold header row that stays frozen when scrolling, column widths,
 * and number and date formats by the column's kind. Text cells are inline strings, never formulas.
 */
export function xlsxWriter(out: Writable, title: string, columns: Column[]): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  const formats = columns.map((c) => NUM_FMT[c.kind]);
  const dates = columns.map((c) => c.kind === 'date');
  return {
    async write(rows) {
      for (const values of rows) {
        const row = sheet.addRow(values.map((v, i) => (dates[i] && typeof v === 'string' ? dayOf(v) : v)));
        formats.forEach((numFmt, i) => {
          if (numFmt && values[i] !== null) row.getCell(i + 1).numFmt = numFmt;
        });
        row.commit();
      }
      await drained(out);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
