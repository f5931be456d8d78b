/** The de-identification keep-list: its tags are the dictionary's, and a de-identified SR holds nothing else. */
import { readFileSync } from 'node:fs';
import dcmjs from 'dcmjs';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { DEIDENTIFIED_SR_KEEP_LIST, KEEP_LIST_BY_KEYWORD } from '../../../extensions/mrecist/src/core/export/deidentificationKeepList';
import { parsePseudonymKey, UidMap } from '../../../extensions/mrecist/src/core/export/deidentify';
import { deidentifySrDataset } from '../../../extensions/mrecist/src/core/export/deidentifySr';
import { GOLDEN_SR } from '../../../scripts/sr/goldenSr';

it('every row names its keyword with the data dictionary tag, once', () => {
  const wrong = DEIDENTIFIED_SR_KEEP_LIST.filter((r) => dcmjs.data.DicomMetaDictionary.nameMap[r.keyword]?.tag !== `(${r.tag})`);
  expect(wrong.map((r) => `${r.keyword} ${r.tag} (dictionary: ${dcmjs.data.DicomMetaDictionary.nameMap[r.keyword]?.tag})`)).toEqual([]);
  expect(KEEP_LIST_BY_KEYWORD.size).toBe(DEIDENTIFIED_SR_KEEP_LIST.length);
});

it('a de-identified SR (given extra patient and institution attributes) holds only keep-list attributes, at every level', () => {
  const ds = { ...decodeDicom(readFileSync(GOLDEN_SR), 'P12.sr.dcm').raw };
  Object.assign(ds, { PatientAddress: 'x', InstitutionName: 'y', StudyComments: 'z' });
  const o = {
    pseudonyms: parsePseudonymKey('P12,SUBJ-001', 'key.csv'),
    keyFile: 'key.csv',
    dateShiftDays: -7,
    uids: new UidMap((u) => uidFromName(`keep ${u}`)),
  };
  const out = decodeDicom(encodeDicom(deidentifySrDataset(ds, o, 'P12.sr.dcm')), 'out').raw;
  const seen = new Set<string>();
  const visit = (node: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(node)) {
      if (k === '_meta' || k === '_vrMap') continue;
      seen.add(k);
      if (Array.isArray(v)) for (const item of v) if (item && typeof item === 'object' && !('Alphabetic' in item)) visit(item as Record<string, unknown>);
    }
  };
  visit(out);
  expect([...seen].filter((k) => !KEEP_LIST_BY_KEYWORD.has(k))).toEqual([]);
  expect(seen.has('ContentSequence')).toBe(true);
});
