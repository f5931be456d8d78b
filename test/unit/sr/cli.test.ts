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

  it('without --study: Study Time and Study ID from the case file, or the new study the SR starts; no DICOMDIR warning', () => {
    const golden = JSON.parse(readFileSync(GOLDEN_CASE, 'utf8'));
    const latest = [...golden.timepoints].sort((a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date)).pop();
    const dicomdirWarnings = (file: string) => dciodvfy(file).filter((l) => l.includes('needed to build DICOMDIR'));
    const attrs = (file: string) => {
      const ds = decodeDicom(new Uint8Array(readFileSync(file)), file);
      return { uid: ds.string('StudyInstanceUID'), time: ds.optionalString('StudyTime') ?? '', id: ds.optionalString('StudyID') ?? '' };
    };

    // The latest study known with its time and id: the SR joins it with them.
    const known = join(dir, 'known-study.json');
    writeFileSync(known, JSON.stringify({ ...golden, timepoints: golden.timepoints.map((t: { id: string }) => (t.id === latest.id ? { ...t, studyInstanceUid: '2.25.4242', studyTime: '101500', studyId: 'ACC 42' } : t)) }));
    const srKnown = join(dir, 'known-study.dcm');
    const w1 = run('sr-write', known, '--out', srKnown, '--reader', 'Smith^Jane');
    expect(w1.code).toBe(0);
    expect(w1.stderr).toBe('');
    expect(attrs(srKnown)).toEqual({ uid: '2.25.4242', time: '101500', id: 'ACC 42' });
    expect(dicomdirWarnings(srKnown)).toEqual([]);

    // Known UID but no time or id: left empty (Type 2), and the user is told how to give them.
    const bare = join(dir, 'bare-study.json');
    writeFileSync(bare, JSON.stringify({ ...golden, timepoints: golden.timepoints.map((t: { id: string }) => (t.id === latest.id ? { ...t, studyInstanceUid: '2.25.4343' } : t)) }));
    const w2 = run('sr-write', bare, '--out', join(dir, 'bare-study.dcm'), '--reader', 'Smith^Jane');
    expect(w2.code).toBe(0);
    expect(w2.stderr).toBe(`${bare}: note: timepoints "${latest.id}": no studyTime/studyId, left empty in the SR (give them in the case file, or --study DIR)\n`);
    expect(attrs(join(dir, 'bare-study.dcm'))).toMatchObject({ uid: '2.25.4343', time: '', id: '' });

    // No study UID at all (a case file typed by hand): the SR starts its own study, made when the report was,
    // named after the latest timepoint.
    const none = join(root, 'test/fixtures/criteria/doc-example.json');
    const noneLatest = [...JSON.parse(readFileSync(none, 'utf8')).timepoints].sort((a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date)).pop();
    const srNone = join(dir, 'no-study.dcm');
    expect(run('sr-write', none, '--out', srNone, '--reader', 'Smith^Jane').code).toBe(0);
    const a = attrs(srNone);
    expect(a.time).toMatch(/^\d{6}/);
    expect(a.id).toBe(String(noneLatest.id).slice(0, 16));
    expect(dicomdirWarnings(srNone)).toEqual([]);

    // A bad time or id is one line naming the file and field.
    const bad = join(dir, 'bad-study-time.json');
    writeFileSync(bad, JSON.stringify({ ...golden, timepoints: golden.timepoints.map((t: { id: string }) => (t.id === latest.id ? { ...t, studyTime: '25' } : t)) }));
    const w3 = run('sr-write', bad, '--out', join(dir, 'bad.dcm'), '--reader', 'Smith^Jane');
    expect(w3.code).toBe(2);
    expect(w3.stderr).toMatch(/^mrecist: .*bad-study-time\.json: timepoints\[\d+\]\.studyTime: must be a DICOM time HHMMSS\[\.ffffff\], got "25"\n$/);
    const badId = join(dir, 'bad-study-id.json');
    writeFileSync(badId, JSON.stringify({ ...golden, timepoints: golden.timepoints.map((t: { id: string }) => (t.id === latest.id ? { ...t, studyId: 'A\\B' } : t)) }));
    const w4 = run('sr-write', badId, '--out', join(dir, 'bad-id.dcm'), '--reader', 'Smith^Jane');
    expect(w4.code).toBe(2);
    expect(w4.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(w4.stderr).toContain('timepoints[');
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
