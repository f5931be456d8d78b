/**
 * CSV text per RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (or lead/trail
 * spaces, which spreadsheets would trim), quotes doubled. A semicolon is quoted too: spreadsheets in locales
 * whose list separator is ";" split an unquoted `x;=cmd|...` into a second cell that starts a formula. UTF-8 is the caller's encoding; no BOM, so SAS, R and
 * pandas read the first header name cleanly.
 *
 * Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ (or tab / CR) is run as a
 * formula by Excel and LibreOffice, so text cells get a leading apostrophe. Numbers are written as numbers
 * (a negative change stays -34.2), never guarded.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`csvField: ${value} is not a finite number`);
    text = String(value);
  } else if (typeof value === 'boolean') {
    text = value ? 'true' : 'false';
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(header: readonly string[], rows: readonly Readonly<Record<string, CsvCell>>[]): string {
  for (const row of rows)
    for (const key of Object.keys(row))
      if (!header.includes(key)) throw new Error(`csvText: column "${key}" is not in the header`);
  const lines = [header.map(csvField).join(','), ...rows.map((r) => header.map((h) => csvField(r[h])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
