/**
 * CSV as Chinese Excel and WPS write it (RFC 4180: commas, double-quoted fields with "" for a
 * quote, CRLF or LF), already decoded to text. Also writes it, for exports and templates.
 */

export type CsvParse =
  | { ok: true; rows: string[][] }
  | { ok: false; line: number; reason: 'unclosedQuote' | 'textAfterQuote' };

export function parseCsv(text: string): CsvParse {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 BOM decoded as U+FEFF
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (at < text.length) {
    const character = text[at] as string;
    if (character === '"' && field === '') {
      const startLine = line;
      at++;
      for (;;) {
        if (at >= text.length) return { ok: false, line: startLine, reason: 'unclosedQuote' };
        const inside = text[at] as string;
        if (inside === '"') {
          if (text[at + 1] === '"') {
            field += '"';
            at += 2;
            continue;
          }
          at++;
          break;
        }
        if (inside === '\n') line++;
        field += inside;
        at++;
      }
      const next = text[at];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, line, reason: 'textAfterQuote' };
      }
      continue;
    }
    if (character === ',') {
      endField();
      at++;
    } else if (character === '\r' || character === '\n') {
      endRow();
      at += character === '\r' && text[at + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += character;
      at++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return { ok: true, rows };
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** CSV text with CRLF line ends; callers add a BOM when Excel must read it as UTF-8. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}
