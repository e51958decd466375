/**
 * Cells and sheet names as every workbook the app writes stores them (the results' and the
 * season's): a number where the text is one, so that a spreadsheet can sum it.
 */

/** What a column holds, so that a workbook can store it as a number where it is one. */
export type ColumnKind = 'text' | 'rank' | 'decimal' | 'count';

/** A worksheet name Excel accepts: no []:*?/\ and at most 31 characters. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '·').slice(0, 31);
}

/** A number cell for a decimal string ("89.50"), shown with its decimals; text when it is a fraction. */
export function decimalCell(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** A table's cell as the workbook stores it: a rank "2" or a count as a number, "并列2" as text. */
export function typedCell(text: string, kind: ColumnKind): number | string {
  if (text === '' || kind === 'text') return text;
  if (kind === 'decimal') return decimalCell(text);
  return /^\d+$/.test(text) ? Number(text) : text;
}
