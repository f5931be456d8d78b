/**
 * SAS transport v5 read back by a foreign reader: Debian's python3-pandas (`read_sas(format="xport")`) opens every
 * XPT that `export --format sdtm --xpt` writes, and every value equals the CSV's.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ibmDouble } from '../../../extensions/mrecist/src/core/export/sdtm/xpt';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { runCli, tempDir } from '../reliability/cliRun';
import { parseCsvObjects } from './rfc4180';

const PYTHON = '/usr/bin/python3'; // Debian's, with python3-pandas
const READ = `
import json, math, sys, pandas
out = {}
for path in sys.argv[1:]:
    df = pandas.read_sas(path, format="xport", encoding="ascii")
    cols = list(df.columns)
    rows = []
    for rec in df.to_dict("records"):
        rows.append({k: (None if isinstance(v, float) and math.isnan(v) else (v.rstrip() if isinstance(v, str) else v)) for k, v in rec.items()})
    out[path] = {"columns": cols, "rows": rows}
print(json.dumps(out))
`;

describe('SDTM as SAS transport v5', () => {
  it('IBM doubles: known encodings', () => {
    expect(ibmDouble(1).toString('hex')).toBe('4110000000000000');
    expect(ibmDouble(-34.2).subarray(0, 1).toString('hex')).toBe('c2');
    expect(ibmDouble(100).toString('hex')).toBe('4264000000000000');
    expect(ibmDouble(undefined).toString('hex')).toBe('2e00000000000000');
  });

  it('pandas reads every dataset back with the CSV values', () => {
    const dir = tempDir('xpt');
    const visits = join(dir, 'visits.csv');
    writeFileSync(visits, 'timepoint,VISITNUM,VISIT,EPOCH\nBL,1,BASELINE,SCREENING\nM1,2,WEEK 4,TREATMENT\nM2,3,WEEK 8,TREATMENT\nM4,4,WEEK 17,FOLLOW-UP\nM6,5.1,WEEK 26,FOLLOW-UP\n');
    const out = join(dir, 'sdtm');
    const r = runCli('export', GOLDEN_CASE, '--format', 'sdtm', '--study-id', 'HCC-I125', '--out', out, '--xpt', '--criteria', 'mrecist,recist1.1,easl',
      '--visits', visits, '--ref-date', '2019-05-10', '--method', 'MRI');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const names = ['tu', 'tr', 'rs', 'supptu', 'supptr'];
    const py = spawnSync(PYTHON, ['-c', READ, ...names.map((n) => join(out, `${n}.xpt`))], { encoding: 'utf8' });
    expect(py.stderr).toBe('');
    const read = JSON.parse(py.stdout) as Record<string, { columns: string[]; rows: Record<string, string | number | null>[] }>;
    let compared = 0;
    for (const n of names) {
      const csvText = readFileSync(join(out, `${n}.csv`), 'utf8');
      const csv = parseCsvObjects(csvText);
      const xpt = read[join(out, `${n}.xpt`)];
      expect(xpt.columns).toEqual(csvText.split('\r\n')[0].split(','));
      expect(xpt.rows).toHaveLength(csv.length);
      csv.forEach((row, i) => {
        for (const [k, v] of Object.entries(row)) {
          const x = xpt.rows[i][k];
          // pandas 1.5 decodes the IBM true zero (all bytes 0, as SAS writes it) as 16^-65: equal to 10 places.
          if (typeof x === 'number') expect(Math.abs(x - Number(v))).toBeLessThan(1e-10);
          else if (x === null && /SEQ$|^VISITNUM$|STRESN$|DY$/.test(k)) expect([k, v]).toEqual([k, '']);
          else expect([k, x]).toEqual([k, v]);
          compared += 1;
        }
      });
    }
    expect(compared).toBeGreaterThan(2000);

    // define.xml: well-formed, one ItemGroupDef per file, an ItemDef for every ItemRef, lengths that hold the data.
    const DEFINE = `
import json, sys, xml.etree.ElementTree as ET
ns = {"o": "http://www.cdisc.org/ns/odm/v1.3", "def": "http://www.cdisc.org/ns/def/v2.1", "x": "http://www.w3.org/1999/xlink"}
root = ET.parse(sys.argv[1]).getroot()
mdv = root.find("o:Study/o:MetaDataVersion", ns)
items = {i.get("OID"): i for i in mdv.findall("o:ItemDef", ns)}
out = {"version": mdv.get("{%s}DefineVersion" % ns["def"]), "groups": {}}
for g in mdv.findall("o:ItemGroupDef", ns):
    leaf = g.find("def:leaf", ns).get("{%s}href" % ns["x"])
    out["groups"][leaf] = [[items[r.get("ItemOID")].get("Name"), items[r.get("ItemOID")].get("DataType"), int(items[r.get("ItemOID")].get("Length"))] for r in g.findall("o:ItemRef", ns)]
print(json.dumps(out))
`;
    const def = spawnSync(PYTHON, ['-c', DEFINE, join(out, 'define.xml')], { encoding: 'utf8' });
    expect(def.stderr).toBe('');
    const parsed = JSON.parse(def.stdout) as { version: string; groups: Record<string, [string, string, number][]> };
    expect(parsed.version).toBe('2.1.0');
    expect(Object.keys(parsed.groups)).toEqual(names.map((n) => `${n}.xpt`));
    for (const n of names) {
      const xpt = read[join(out, `${n}.xpt`)];
      expect(parsed.groups[`${n}.xpt`].map(([name]) => name)).toEqual(xpt.columns);
      for (const [name, type, length] of parsed.groups[`${n}.xpt`])
        if (type === 'text' || type === 'date') for (const row of xpt.rows) expect(String(row[name] ?? '').length).toBeLessThanOrEqual(length);
    }
  });
});

describe('SAS transport v5: text it cannot hold', () => {
  it('non-ASCII text is a one-line error naming dataset and variable, not a crash', () => {
    const dir = tempDir('xpt-bad');
    const cf = JSON.parse(readFileSync(GOLDEN_CASE, 'utf8'));
    cf.lesions[1].site = 'Pfortader (Hauptstamm, ä)';
    const input = join(dir, 'case.json');
    writeFileSync(input, JSON.stringify(cf));
    const r = runCli('export', input, '--format', 'sdtm', '--study-id', 'S1', '--out', join(dir, 'o'), '--xpt');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mrecist: supptu.xpt: QVAL: SAS transport v5 holds ASCII text only; export without --xpt or without --keep-text\n');
  });
});
