/**
 * SAS Transport (XPORT) version 5, the format FDA accepts for SDTM datasets (SAS Institute TS-140, "The Record
 * Layout of a SAS Version 5 or 6 Data Set in SAS Transport (XPORT) Format"): 80-byte header records, one 140-byte
 * NAMESTR per variable, then the observations as fixed-width records, the whole padded with blanks to a multiple
 * of 80. Numbers are 8-byte IBM System/360 floating point (missing: 0x2E then zeros); text is ASCII, blank
 * padded, at most 200 bytes. One dataset per file, as the FDA's Study Data Technical Conformance Guide asks.
 */
import { InputError } from '../../errors';
import type { CsvCell } from '../csvText';

export interface XptDataset {
  /** Dataset name, 1-8 letters/digits (e.g. TU, SUPPTU). */
  name: string;
  label: string;
  columns: readonly string[];
  /** Variables written as numbers; every other one is text. */
  numeric: ReadonlySet<string>;
  rows: readonly Readonly<Record<string, CsvCell>>[];
  /** Variable labels (40 characters at most). */
  labels?: Readonly<Record<string, string>>;
}

const RECORD = 80;

/** Blank-padded ASCII; text XPT v5 cannot hold (non-ASCII, over the width) is bad input named by dataset and variable. */
function text(value: string, width: number, where = ['xpt', 'text']): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new InputError(where[0], where[1], 'SAS transport v5 holds ASCII text only; export without --xpt or without --keep-text');
  if (value.length > width) throw new InputError(where[0], where[1], `longer than ${width} bytes`);
  return value.padEnd(width, ' ');
}

/** IBM System/360 double: sign bit, excess-64 base-16 exponent, 56-bit fraction. */
export function ibmDouble(value: number | undefined): Buffer {
  const out = Buffer.alloc(8);
  if (value === undefined || Number.isNaN(value)) {
    out[0] = 0x2e; // SAS missing "."
    return out;
  }
  if (!Number.isFinite(value)) throw new Error(`xpt: ${value} has no IBM representation`);
  if (value === 0) return out;
  let magnitude = Math.abs(value);
  let exponent = 0;
  while (magnitude >= 1) {
    magnitude /= 16;
    exponent += 1;
  }
  while (magnitude < 1 / 16) {
    magnitude *= 16;
    exponent -= 1;
  }
  // magnitude in [1/16, 1) after exact power-of-two scaling, so magnitude * 2^56 >= 2^52 is an integer a double
  // holds exactly: the 56-bit fraction needs no rounding.
  let fraction = BigInt(magnitude * 2 ** 56);
  if (exponent + 64 > 127 || exponent + 64 < 0) throw new Error(`xpt: ${value} is out of IBM range`);
  out[0] = (value < 0 ? 0x80 : 0) | (exponent + 64);
  for (let i = 7; i >= 1; i--) {
    out[i] = Number(fraction & 0xffn);
    fraction >>= 8n;
  }
  return out;
}

function sasDate(d: Date): string {
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}${months[d.getUTCMonth()]}${two(d.getUTCFullYear() % 100)}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function header(kind: string, tail = '000000000000000000000000000000  '): string {
  return `HEADER RECORD*******${kind.padEnd(8, ' ')}HEADER RECORD!!!!!!!${tail}`;
}

function cellText(v: CsvCell): string {
  return v === undefined || v === null ? '' : String(v);
}

export function xptBytes(ds: XptDataset, created = new Date()): Buffer {
  if (!/^[A-Z][A-Z0-9]{0,7}$/.test(ds.name)) throw new Error(`xpt: bad dataset name "${ds.name}"`);
  const stamp = sasDate(created);
  const lengths = ds.columns.map((c) => (ds.numeric.has(c) ? 8 : Math.max(1, ...ds.rows.map((r) => cellText(r[c]).length))));
  for (const [i, c] of ds.columns.entries()) {
    if (!/^[A-Z][A-Z0-9_]{0,7}$/.test(c)) throw new Error(`xpt: bad variable name "${c}"`);
    if (lengths[i] > 200) throw new InputError(`${ds.name.toLowerCase()}.xpt`, c, 'a value is longer than the 200 bytes SAS transport v5 allows');
  }
  const parts: Buffer[] = [];
  const ascii = (s: string) => Buffer.from(s, 'latin1');
  parts.push(ascii(header('LIBRARY')));
  parts.push(ascii(`${'SAS'.padEnd(8)}${'SAS'.padEnd(8)}${'SASLIB'.padEnd(8)}${'9.4'.padEnd(8)}${'X64_LIN'.padEnd(8)}${''.padEnd(24)}${stamp}`));
  parts.push(ascii(`${stamp}${''.padEnd(64)}`));
  parts.push(ascii(header('MEMBER', '000000000000000001600000000140  ')));
  parts.push(ascii(header('DSCRPTR')));
  parts.push(ascii(`${'SAS'.padEnd(8)}${ds.name.padEnd(8)}${'SASDATA'.padEnd(8)}${'9.4'.padEnd(8)}${'X64_LIN'.padEnd(8)}${''.padEnd(24)}${stamp}`));
  parts.push(ascii(`${stamp}${''.padEnd(16)}${text(ds.label.slice(0, 40), 40)}${''.padEnd(8)}`));
  parts.push(ascii(header('NAMESTR', `000000${String(ds.columns.length).padStart(4, '0')}00000000000000000000  `)));
  const namestrs = Buffer.alloc(140 * ds.columns.length);
  let position = 0;
  ds.columns.forEach((c, i) => {
    const at = i * 140;
    namestrs.writeInt16BE(ds.numeric.has(c) ? 1 : 2, at);
    namestrs.writeInt16BE(0, at + 2);
    namestrs.writeInt16BE(lengths[i], at + 4);
    namestrs.writeInt16BE(i + 1, at + 6);
    namestrs.write(text(c, 8), at + 8, 'latin1');
    namestrs.write(text((ds.labels?.[c] ?? c).slice(0, 40), 40), at + 16, 'latin1');
    namestrs.write(''.padEnd(8), at + 56, 'latin1'); // format name
    namestrs.write(''.padEnd(8), at + 72, 'latin1'); // informat name
    namestrs.writeInt32BE(position, at + 84);
    position += lengths[i];
  });
  parts.push(namestrs, Buffer.alloc((RECORD - (namestrs.length % RECORD)) % RECORD, ' '));
  parts.push(ascii(header('OBS')));
  const observations = Buffer.concat(
    ds.rows.flatMap((r) =>
      ds.columns.map((c, i) => {
        if (!ds.numeric.has(c)) return ascii(text(cellText(r[c]), lengths[i], [`${ds.name.toLowerCase()}.xpt`, c]));
        const v = r[c];
        return ibmDouble(v === undefined || v === null || v === '' ? undefined : Number(v));
      }),
    ),
  );
  parts.push(observations, Buffer.alloc((RECORD - (observations.length % RECORD)) % RECORD, ' '));
  return Buffer.concat(parts);
}
