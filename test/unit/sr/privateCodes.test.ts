/**
 * dciodvfy on every kind of SR we write (the golden read, one without study or images, a re-save, a signed-off
 * report, generated case files): no errors, and no warning but the one for our private scheme; every private code
 * in them is one of the documented table (LOCAL in core/sr/codes.ts, the README's private code table), with its
 * documented meaning.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { LOCAL, LOCAL_SCHEME } from '../../../extensions/mrecist/src/core/sr/codes';
import { writeSr, type WriteSrRequest } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { goldenRequest } from '../../../scripts/sr/goldenSr';
import { caseFileArb } from './caseFileArbitrary';
import { dciodvfy, writeTemp } from './dicomTools';

const PRIVATE_SCHEME_WARNING = `Warning - Unrecognized defined term <${LOCAL_SCHEME.designator}> for value 1 of attribute <Coding Scheme Designator>`;

function requests(): [string, WriteSrRequest][] {
  const minimal = goldenRequest();
  minimal.document = { contentDate: '20200101', contentTime: '000000', studyInstanceUid: '2.25.1' };
  const resave = goldenRequest();
  resave.document.predecessor = { studyInstanceUid: '2.25.11', seriesInstanceUid: '2.25.12', sopClassUid: '1.2.840.10008.5.1.4.1.1.88.33', sopInstanceUid: '2.25.13' };
  const signed = goldenRequest();
  signed.document.signOff = { by: 'Reader^One', at: '2026-11-26T21:05:09.250Z' };
  const generated = fc.sample(caseFileArb, { numRuns: 4, seed: 14 }).map((c, i): [string, WriteSrRequest] => {
    const caseFile = parseCaseFile(c, `generated-${i}.json`);
    return [
      `generated case ${i}`,
      {
        caseFile,
        criteria: [caseFile.criteria],
        // The SR's own study (no images given): its date and time are the report's.
        document: { contentDate: '20200101', contentTime: '000000', studyInstanceUid: uidFromName(`private codes study ${i}`) },
        newUid: (purpose) => uidFromName(`private codes ${i} ${purpose}`),
        file: `generated-${i}.json`,
      },
    ];
  });
  return [['golden read', goldenRequest()], ['no study, no images', minimal], ['re-save', resave], ['signed off', signed], ...generated];
}

/** Every coded triple of the dataset, wherever it sits. */
function codes(value: unknown, out: { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v) => codes(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.CodingSchemeDesignator === 'string' && typeof o.CodeValue === 'string')
      out.push({ CodeValue: o.CodeValue, CodingSchemeDesignator: o.CodingSchemeDesignator, CodeMeaning: String(o.CodeMeaning) });
    Object.values(o).forEach((v) => codes(v, out));
  }
  return out;
}

const documented = new Map(Object.values(LOCAL).map((c) => [c.value, c.meaning]));

describe.each(requests())('%s', (_name, request) => {
  const written = writeSr(request);

  it('dciodvfy: no error, and no warning but the private scheme one', () => {
    const lines = dciodvfy(writeTemp(written.bytes));
    expect(lines).toContain('ComprehensiveSR');
    expect(lines.filter((l) => /^Error/i.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('Warning') && l !== PRIVATE_SCHEME_WARNING)).toEqual([]);
  });

  it('uses only documented private codes, with their documented meaning', () => {
    const used = codes(written.dataset).filter((c) => c.CodingSchemeDesignator === LOCAL_SCHEME.designator);
    for (const c of used) expect([c.CodeValue, c.CodeMeaning]).toEqual([c.CodeValue, documented.get(c.CodeValue)]);
  });
});

describe('the private code table', () => {
  it('lists every private code in the README with its meaning', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    for (const [value, meaning] of documented) expect(readme).toContain(`| \`${value}\` | ${meaning} |`);
  });
});
