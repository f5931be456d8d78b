/** `mrecist sr-write`, `sr-read` and `export`, spawned as a user runs them (few cases: each spawn is slow). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDicom, encodeDicom, type DicomDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { writeSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { GOLDEN_CASE, goldenRequest } from '../../../scripts/sr/goldenSr';
import { dciodvfy, dsrdump } from './dicomTools';

const root = join(__dirname, '../../..');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mrecist sr-write / sr-read / export (CLI)', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-cli-'));

  it('write, read, assess equals assess of the original; a second save references the first', () => {
    const sr = join(dir, 'read1.dcm');
    const w = run('sr-write', GOLDEN_CASE, '--out', sr, '--reader', 'Smith^Jane', '--reader-role', 'Reader 2');
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/read1\.dcm: SR 2\.25\.\d+ written\n$/);
    expect(dciodvfy(sr).filter((l) => /error/i.test(l))).toEqual([]);

    const r = run('sr-read', sr, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const read = JSON.parse(r.stdout);
    expect(read.reader).toEqual({ name: 'Smith^Jane', role: 'Reader 2' });
    const readPath = join(dir, 'read1.json');
    writeFileSync(readPath, r.stdout);
    const fromRead = run('assess', readPath, '--json');
    const fromOriginal = run('assess', GOLDEN_CASE, '--json');
    expect(fromRead.code).toBe(0);
    expect(fromRead.stdout).toBe(fromOriginal.stdout);

    const sr2 = join(dir, 'read2.dcm');
    expect(run('sr-write', GOLDEN_CASE, '--out', sr2, '--predecessor', sr).code).toBe(0);
    expect(dsrdump(sr2)).toContain('Predecessor Docs    : 1');
  });

  it('--sign-off writes a VERIFIED report that sr-read gives back signed off; a read with a blank is refused in one line', () => {
    const sr = join(dir, 'signed.dcm');
    const w = run('sr-write', GOLDEN_CASE, '--out', sr, '--reader', 'Smith^Jane', '--sign-off');
    expect(w.code).toBe(0);
    expect(dciodvfy(sr).filter((l) => /error/i.test(l))).toEqual([]);
    const read = JSON.parse(run('sr-read', sr).stdout);
    expect(read.signedOff.by).toBe('Smith^Jane');
    expect(Math.abs(Date.parse(read.signedOff.at) - Date.now())).toBeLessThan(60_000);

    const golden = JSON.parse(readFileSync(GOLDEN_CASE, 'utf8'));
    const target = golden.lesions.find((l: { role: string }) => l.role === 'target');
    const last = golden.timepoints[golden.timepoints.length - 1].id;
    delete target.measurements[last];
    const blank = join(dir, 'blank.json');
    writeFileSync(blank, JSON.stringify(golden));
    const refused = run('sr-write', blank, '--out', join(dir, 'blank.dcm'), '--sign-off');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`mrecist: ${blank}: sign-off: nothing recorded for ${target.id} at ${last}: measure it, or mark it not evaluable\n`);
  });

  it('a malformed SR exits 2 with one line naming file and item', () => {
    const { dataset } = writeSr(goldenRequest());
    const broken = JSON.parse(JSON.stringify(dataset));
    const walk = (items: any[]): boolean =>
      items.some((i) => {
        if (i.ConceptNameCodeSequence?.[0]?.CodeValue === '126073') {
          i.MeasuredValueSequence[0].NumericValue = '0';
          return true;
        }
        return i.ContentSequence ? walk(i.ContentSequence) : false;
      });
    walk(broken.ContentSequence);
    const file = join(dir, 'sr.dcm');
    writeFileSync(file, encodeDicom(broken));
    const r = run('sr-read', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`mrecist: ${file}: Time Point Order (126073): must be an integer ≥ 1, got 0\n`);
  });

  it('export: SDTM with de-identification; an id missing from the key and a missing STUDYID are one-line errors', () => {
    const key = join(dir, 'key.csv');
    writeFileSync(key, 'originalId,pseudonym\nP12,SUBJ-001\n');
    const out = join(dir, 'sdtm');
    const ok = run('export', GOLDEN_CASE, '--format', 'sdtm', '--out', out, '--study-id', 'HCC-I125', '--deidentify', '--key', key);
    expect(ok.code).toBe(0);
    const tu = readFileSync(join(out, 'tu.csv'), 'utf8');
    expect(tu).toContain('HCC-I125-SUBJ-001');
    expect(tu).not.toContain('P12');

    const other = join(dir, 'other.csv');
    writeFileSync(other, 'P13,SUBJ-002\n');
    const unknown = run('export', GOLDEN_CASE, '--format', 'csv', '--out', join(dir, 'x.csv'), '--deidentify', '--key', other);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`mrecist: ${other}: originalId: no pseudonym for subject "P12"\n`);

    const noStudy = run('export', GOLDEN_CASE, '--format', 'sdtm', '--out', out);
    expect(noStudy.code).toBe(2);
    expect(noStudy.stderr).toBe('mrecist: --study-id: value: required for SDTM (STUDYID)\n');
  });

  it('sr-read of a foreign SR prints the case and lists skipped items on stderr', () => {
    const c = (v: string, s: string, m: string) => [{ CodeValue: v, CodingSchemeDesignator: s, CodeMeaning: m }];
    const foreign = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33', SOPInstanceUID: '2.25.1', StudyInstanceUID: '2.25.2', SeriesInstanceUID: '2.25.3',
      PatientID: 'P12', StudyDate: '20190603', Modality: 'SR', ValueType: 'CONTAINER', ContinuityOfContent: 'SEPARATE',
      ConceptNameCodeSequence: c('126000', 'DCM', 'Imaging Measurement Report'),
      ContentSequence: [
        {
          RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ContinuityOfContent: 'SEPARATE', ConceptNameCodeSequence: c('126010', 'DCM', 'Imaging Measurements'),
          ContentSequence: [
            {
              RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ContinuityOfContent: 'SEPARATE', ConceptNameCodeSequence: c('125007', 'DCM', 'Measurement Group'),
              ContentSequence: [
                { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'TEXT', ConceptNameCodeSequence: c('112039', 'DCM', 'Tracking Identifier'), TextValue: 'Length' },
                { RelationshipType: 'CONTAINS', ValueType: 'NUM', ConceptNameCodeSequence: c('410668003', 'SCT', 'Length'), MeasuredValueSequence: [{ NumericValue: '41', MeasurementUnitsCodeSequence: c('mm', 'UCUM', 'mm') }] },
              ],
            },
          ],
        },
      ],
    };
    const file = join(dir, 'ohif.dcm');
    writeFileSync(file, encodeDicom(foreign));
    const r = run('sr-read', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lesions).toEqual([{ id: 'Length', role: 'target', measurements: { SR: { longAxisMm: 41 } } }]);
    expect(out.skipped.length).toBeGreaterThan(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(out.skipped.map((s: string) => `mrecist: ${file}: skipped: ${s}`));
    expect(r.stderr).toContain('skipped: observer context: no person observer named; reader left out');
  });
});

describe('mrecist sr-write --study (CLI)', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-study-'));

  it('fills patient and study modules from the images and lists the measured images as evidence', () => {
    const study = join(dir, 'study');
    mkdirSync(study);
    const image = (n: number, studyUid: string, date: string, sopClass: string) =>
      encodeDicom({
        SOPClassUID: sopClass,
        SOPInstanceUID: `2.25.30000000000000000000000000000000000${n}`,
        StudyInstanceUID: studyUid,
        SeriesInstanceUID: `2.25.5${n}`,
        Modality: 'MR',
        PatientName: 'Demo^Patient',
        PatientID: 'P12',
        PatientBirthDate: '19600101',
        PatientSex: 'M',
        StudyDate: date,
        StudyTime: '081500',
        AccessionNumber: `ACC${n}`,
        StudyID: `S${n}`,
      });
    writeFileSync(join(study, 'bl.dcm'), image(1, '2.25.100000000000000000000000000000000001', '20190502', '1.2.840.10008.5.1.4.1.1.4'));
    writeFileSync(join(study, 'm1.dcm'), image(2, '2.25.100000000000000000000000000000000002', '20190603', '1.2.840.10008.5.1.4.1.1.4.1'));
    writeFileSync(join(study, 'm2.dcm'), image(3, '2.25.100000000000000000000000000000000003', '20190701', '1.2.840.10008.5.1.4.1.1.4'));
    writeFileSync(join(study, 'notes.txt'), 'not DICOM');
    const sr = join(dir, 'sr.dcm');
    const w = run('sr-write', GOLDEN_CASE, '--out', sr, '--study', study);
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    expect(dciodvfy(sr).filter((l) => /error/i.test(l))).toEqual([]);
    const ds = decodeDicom(readFileSync(sr), 'sr.dcm');
    expect(ds.string('PatientName')).toBe('Demo^Patient');
    expect(ds.string('PatientBirthDate')).toBe('19600101');
    // Stored with the latest study the images provide (M2), with its accession number.
    expect(ds.string('StudyInstanceUID')).toBe('2.25.100000000000000000000000000000000003');
    expect(ds.string('AccessionNumber')).toBe('ACC3');
    // M2 had no study UID in the case file: the folder's study of that day fills its time point context.
    const read = run('sr-read', sr, '--json');
    expect(JSON.parse(read.stdout).timepoints[2]).toEqual({ id: 'M2', date: '2019-07-01', studyInstanceUid: '2.25.100000000000000000000000000000000003' });
    const evidence = ds.sequence('CurrentRequestedProcedureEvidenceSequence').map((s: DicomDataset) => ({
      study: s.string('StudyInstanceUID'),
      series: s.sequence('ReferencedSeriesSequence').map((r: DicomDataset) => r.string('SeriesInstanceUID')),
    }));
    // Series come from the images, not from the case file's referencedSeriesInstanceUid.
    expect(evidence).toEqual([
      { study: '2.25.100000000000000000000000000000000001', series: ['2.25.51'] },
      { study: '2.25.100000000000000000000000000000000002', series: ['2.25.52'] },
    ]);
  });
});
