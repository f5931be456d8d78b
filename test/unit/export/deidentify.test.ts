/** De-identification: key-file pseudonyms, consistent new UIDs, shifted or kept dates, no identifiers left. */
import { readFileSync } from 'node:fs';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import {
  deidentifyCaseFile,
  parsePseudonymKey,
  shiftIsoDate,
  UidMap,
  type DeidentifyOptions,
} from '../../../extensions/mrecist/src/core/export/deidentify';
import { deidentifySrDataset } from '../../../extensions/mrecist/src/core/export/deidentifySr';
import { decodeMeasurementReport } from '../../../extensions/mrecist/src/core/sr/decodeMeasurementReport';
import { readSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { GOLDEN_SR } from '../../../scripts/sr/goldenSr';
import { dciodvfy, writeTemp } from '../sr/dicomTools';

const options = (days: number): DeidentifyOptions => ({
  pseudonyms: parsePseudonymKey('originalId,pseudonym\r\nP12,SUBJ-001\r\nP13,SUBJ-002\r\n', 'key.csv'),
  keyFile: 'key.csv',
  dateShiftDays: days,
  uids: new UidMap((original) => uidFromName(`deid ${original}`)),
});

const goldenBytes = readFileSync(GOLDEN_SR);
const original = readSr(goldenBytes, 'P12.sr.dcm').caseFile;

describe('key file', () => {
  it.each([
    ['P12,SUBJ-001\nP12,SUBJ-002', 'key.csv: line 2: subject "P12" listed twice'],
    ['P12;SUBJ-001', 'key.csv: line 1: expected "originalId,pseudonym", got "P12;SUBJ-001"'],
    ['originalId,pseudonym\n', 'key.csv: file: no "originalId,pseudonym" lines'],
  ])('%j is rejected', (text, message) => expect(() => parsePseudonymKey(text, 'key.csv')).toThrow(message));

  it('an id missing from the key is an error naming the id', () => {
    const o = options(0);
    expect(() => deidentifyCaseFile({ ...original, patientId: 'P99' }, o)).toThrow('key.csv: originalId: no pseudonym for subject "P99"');
  });
});

describe('case file de-identification', () => {
  it('replaces the subject id, reader name and every UID; shifts dates by whole days', () => {
    const d = deidentifyCaseFile(original, options(-100));
    const text = JSON.stringify(d);
    expect(d.patientId).toBe('SUBJ-001');
    expect(text).not.toContain('P12');
    expect(text).not.toContain('Reader^One');
    expect(text).not.toMatch(/2\.25\.[1-4]0{20,}/); // none of the fixture's UIDs
    // 2019-05-02 minus 100 days is 2019-01-22 (hand count: 2 + 30 April + 31 March + 28 February + 9 January).
    expect(d.timepoints.map((t) => t.date)).toEqual(['2019-01-22', '2019-02-23', '2019-03-23', '2019-05-25', '2019-07-27']);
    expect(d.reader).toEqual({ name: 'Reader 1', role: 'Reader 1' });
  });

  it('keeps dates when the shift is 0 and maps each UID the same way everywhere', () => {
    const o = options(0);
    const a = deidentifyCaseFile(original, o);
    const b = deidentifyCaseFile(original, o);
    expect(a.timepoints.map((t) => t.date)).toEqual(original.timepoints.map((t) => t.date));
    expect(a.lesions.map((l) => l.trackingUid)).toEqual(b.lesions.map((l) => l.trackingUid));
    expect(new Set(a.lesions.map((l) => l.trackingUid)).size).toBe(3);
  });

  it('shifts across leap days exactly', () => {
    expect(shiftIsoDate('2020-03-01', -1)).toBe('2020-02-29');
    expect(shiftIsoDate('2019-12-31', 1)).toBe('2020-01-01');
  });
});

describe('SR de-identification (PS3.15 basic profile)', () => {
  const o = options(-100);
  const ds = decodeDicom(goldenBytes, 'P12.sr.dcm').raw;
  const bytes = encodeDicom(deidentifySrDataset(ds, o));
  const out = decodeDicom(bytes, 'deid.dcm');

  it('removes or replaces the patient, study and person attributes', () => {
    expect(out.string('PatientName')).toBe('SUBJ-001');
    expect(out.string('PatientID')).toBe('SUBJ-001');
    expect(out.optionalString('PatientBirthDate')).toBeUndefined();
    expect(out.optionalString('StudyID')).toBeUndefined();
    expect(out.string('SeriesDescription')).toBe('mRECIST read'); // Clean Descriptors: our own description
    expect(out.string('PatientIdentityRemoved')).toBe('YES');
    expect(out.string('StudyDate')).toBe('20190727');
    expect(out.sequence('DeidentificationMethodCodeSequence').map((c) => c.string('CodeValue'))).toEqual(['113100', '113104', '113105', '113107']);
  });

  it('leaves none of the original identifiers in the bytes', () => {
    const text = Buffer.from(bytes).toString('latin1');
    for (const uid of [ds.SOPInstanceUID, ds.SeriesInstanceUID, ds.StudyInstanceUID, '2.25.200000000000000000000000000000000001', '2.25.300000000000000000000000000000000001'])
      expect(text).not.toContain(uid);
    expect(text).not.toContain('Reader^One');
    expect(text).not.toContain('P12');
  });

  it('still reads as our report, equal to the de-identified case file (same UID map)', () => {
    const read = decodeMeasurementReport(out.raw, 'deid.dcm');
    expect(read.caseFile).toEqual(deidentifyCaseFile(original, o));
  });

  it('passes dciodvfy without errors', () => {
    expect(dciodvfy(writeTemp(bytes)).filter((l) => /error/i.test(l))).toEqual([]);
  });
});
