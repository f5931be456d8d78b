/**
 * No PHI through `export --deidentify`: a read laden with identifying values in every attribute and free-text
 * field (patient module, study module, physicians, institution, verifier, observer, lesion sites, names, ids,
 * reasons, unknown case-file fields, UIDs, dates) is exported as SR, CSV and SDTM, and every output file is
 * searched byte for byte for every original value (UTF-8 bytes, and each name component on its own).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { runCli, tempDir } from './cliRun';

jest.setTimeout(180_000);
const dir = tempDir('phi');

/** Identifying values put into the read, each one distinctive enough to be found wherever it lands. */
const PATIENT_ID = 'MRN12345678';
const READER = 'Publicfamily^Johnathan^Quincy';
const FREE_TEXT = {
  targetSite: 'liver S8 John Q Public MRN12345678',
  targetName: 'Lesion of Janeroe Müllerstraße 555-0100',
  reason: 'called Mr Appleseedson at home',
  newSite: 'liver S3 per Dr Strangelovely',
  nonTargetKind: 'effusion of Kowalskiwitz',
  readerRole: 'Dr Hibbertsonian',
  unknownField: 'lives at 742 Evergreenterrace',
  lesionId: 'Quimbyton lesion',
  timepointId: 'Flandersvisit',
};
const ATTRIBUTES: Record<string, string> = {
  PatientAddress: '1313 Mockingbirdlane Springfieldia',
  OtherPatientNames: 'Simpsonoid^Homerus',
  PatientBirthName: 'Bouvierette^Marjorine',
  PatientMotherBirthName: 'Gurneyson^Jacquelinea',
  PatientTelephoneNumbers: '+1-555-0199-777',
  RequestingPhysician: 'Hibbertz^Julius',
  PatientComments: 'prefers Dr Nickriviera',
  AdditionalPatientHistory: 'brother Herbertpowell',
  StudyComments: 'seen with Wiggumsworth',
  AccessionNumber: 'ACC99887766',
  ReferringPhysicianName: 'Monroevian^Marvin',
  StudyID: 'STUDYJQP01',
  StudyDescription: 'CT liver for Lovejoyster',
  SeriesDescription: 'Krabappeline series',
  InstitutionName: 'Springfield Generalissimo Hospital',
  InstitutionAddress: '19 Plow King Avenue Shelbyvillea',
  StationName: 'JQPSTATION42',
  OperatorsName: 'Szyslakian^Moe',
  PerformingPhysicianName: 'Frinkenstein^John',
  NameOfPhysiciansReadingStudy: 'Burnsworth^Montgomery',
  DeviceSerialNumber: 'SN-JQP-004242',
  OtherPatientIDs: 'OTHERID-777888',
  PatientAge: '081Y',
  PatientBirthDate: '19450317',
  MilitaryRank: 'Colonelissimo',
  EthnicGroup: 'Ethnicvaluex',
  Occupation: 'Nuclearsafetyinspector',
  PatientReligiousPreference: 'Religionvaluex',
};

function phiCaseFile(): Record<string, any> {
  const c = JSON.parse(readFileSync(GOLDEN_CASE, 'utf8'));
  c.patientId = PATIENT_ID;
  c.reader = { name: READER, role: FREE_TEXT.readerRole };
  c.notes = FREE_TEXT.unknownField;
  const [target, nonTarget, newLesion] = c.lesions;
  target.site = FREE_TEXT.targetSite;
  target.name = FREE_TEXT.targetName;
  target.measurements.M2.reason = FREE_TEXT.reason;
  target.id = FREE_TEXT.lesionId;
  nonTarget.kind = FREE_TEXT.nonTargetKind;
  newLesion.site = FREE_TEXT.newSite;
  // A timepoint id that names someone: renamed everywhere it is used.
  const old = 'M4';
  c.timepoints.find((t: { id: string }) => t.id === old).id = FREE_TEXT.timepointId;
  for (const l of c.lesions)
    for (const key of ['measurements', 'status', 'assessments'])
      if (l[key]?.[old] !== undefined) {
        l[key][FREE_TEXT.timepointId] = l[key][old];
        delete l[key][old];
      }
  if (newLesion.appearsAt === old) newLesion.appearsAt = FREE_TEXT.timepointId;
  return c;
}

/** Every original value that must not appear: the texts above, each name component, UIDs and dates. */
function originals(c: Record<string, any>, srDataset: Record<string, any>): string[] {
  const values = new Set<string>([PATIENT_ID, READER, ...Object.values(FREE_TEXT), ...Object.values(ATTRIBUTES)]);
  for (const v of [...values]) for (const part of v.split(/[\^ ]/)) if (part.length >= 6 && !/^(liver|lesion|series|called|effusion)$/i.test(part)) values.add(part);
  const text = JSON.stringify(c);
  for (const uid of text.match(/2\.25\.\d+/g) ?? []) values.add(uid);
  for (const d of c.timepoints.map((t: { date: string }) => t.date)) {
    values.add(d);
    values.add(d.replace(/-/g, ''));
  }
  for (const key of ['SOPInstanceUID', 'SeriesInstanceUID', 'StudyInstanceUID', 'ContentDate', 'InstanceCreationDate', 'StudyDate'])
    if (typeof srDataset[key] === 'string' && srDataset[key].length >= 8) values.add(srDataset[key]);
  const verifier = srDataset.VerifyingObserverSequence?.[0];
  if (verifier) values.add(String(verifier.VerificationDateTime).slice(0, 8));
  return [...values].filter((v) => v.length >= 4);
}

describe('export --deidentify leaves no original value in SR, CSV or SDTM output', () => {
  const caseFile = phiCaseFile();
  const casePath = join(dir, 'phi.json');
  writeFileSync(casePath, JSON.stringify(caseFile));
  const key = join(dir, 'key.csv');
  writeFileSync(key, `originalId,pseudonym\n${PATIENT_ID},SUBJ-001\n`);

  // The SR: written and signed off by the named reader, then given every PHI attribute above.
  const rawSr = join(dir, 'raw.dcm');
  const srPath = join(dir, 'phi.dcm');
  let srDataset: Record<string, any> = {};

  beforeAll(() => {
    const w = runCli('sr-write', casePath, '--out', rawSr, '--sign-off');
    expect(w.stderr).toBe('');
    const ds = { ...decodeDicom(readFileSync(rawSr), rawSr).raw };
    delete ds._meta;
    Object.assign(ds, ATTRIBUTES);
    ds.VerifyingObserverSequence[0].VerifyingOrganization = 'Springfield Verifiers Guild';
    writeFileSync(srPath, encodeDicom(ds));
    srDataset = ds;
    expect(readFileSync(srPath).includes(Buffer.from('Krabappeline series'))).toBe(true);
  });

  const exports: [string, string[]][] = [
    ['sr from SR', ['--format', 'sr']],
    ['csv from SR', ['--format', 'csv']],
    ['sdtm from SR', ['--format', 'sdtm', '--study-id', 'TRIAL1']],
    ['csv from case file', ['--format', 'csv']],
    ['sdtm from case file', ['--format', 'sdtm', '--study-id', 'TRIAL1']],
  ];

  it.each(exports)('%s', (name, args) => {
    const input = name.endsWith('SR') ? srPath : casePath;
    const out = join(dir, name.replace(/ /g, '-') + (args[1] === 'sdtm' ? '' : args[1] === 'sr' ? '.dcm' : '.csv'));
    const r = runCli('export', input, ...args, '--out', out, '--deidentify', '--key', key, '--date-shift-days', '-100');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = args[1] === 'sdtm' ? readdirSync(out).map((f) => join(out, f)) : [out];
    const leaks: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const v of originals(caseFile, srDataset)) if (bytes.includes(Buffer.from(v, 'utf8')) || bytes.includes(Buffer.from(v, 'latin1'))) leaks.push(`${file}: ${v}`);
      expect(bytes.includes(Buffer.from('SUBJ-001'))).toBe(true);
    }
    expect(leaks).toEqual([]);
  });

  it('the de-identified SR records its method and reads back with the reading slot as verifier', () => {
    const out = join(dir, 'check.dcm');
    expect(runCli('export', srPath, '--format', 'sr', '--out', out, '--deidentify', '--key', key, '--date-shift-days', '-100').code).toBe(0);
    const ds = decodeDicom(readFileSync(out), out);
    expect(ds.string('PatientIdentityRemoved')).toBe('YES');
    expect(ds.sequence('DeidentificationMethodCodeSequence').map((c) => c.string('CodeValue'))).toEqual(['113100', '113104', '113105', '113107']);
    const read = JSON.parse(runCli('sr-read', out).stdout);
    expect(read.signedOff.by).toBe('Reader');
    const shift = Date.parse(srDataset.VerifyingObserverSequence[0].VerificationDateTime.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2}).*/, '$1-$2-$3T$4:$5:$6Z')) - Date.parse(read.signedOff.at);
    expect(Math.round(shift / 86_400_000)).toBe(100);
  });
});
