/**
 * `mrecist sr-write CASE.json --out SR.dcm [--study DIR] [--reader NAME] [--reader-role ROLE]
 *   [--predecessor PREV_SR.dcm] [--criteria LIST] [--sign-off]`: writes the read as a DICOM Comprehensive SR
 * (TID 1500). --sign-off signs the read off as its reader now (COMPLETE, VERIFIED, verifying observer), and is
 * refused, naming what is blank, when the read is not finished (core/read/signOff).
 * With --study, the images in DIR fill the patient and study modules and resolve image references for the
 * evidence sequence; without it the patient module is synthesized from the case file's patientId.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CriteriaInputError, UsageError } from '../../core/errors';
import { signOffProblem } from '../../core/read/signOff';
import type { CaseFile, CriteriaName, Reader } from '../../core/criteria/types';
import { CRITERIA_NAMES } from '../../core/criteria/types';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { dicomDateTimeNow } from '../../core/dicom/dicomDateTime';
import { newUid } from '../../core/dicom/uid';
import type { InstanceReference, SrDocumentOptions } from '../../core/sr/encodeMeasurementReport';
import { readSr, writeSr } from '../../core/sr/srFromCaseFile';
import { readInputFile } from '../io';
import { checkOutput, FORCE_HELP, writeOutput } from '../output';
import { loadCaseFile } from './assess';

interface StudyFolder {
  patient: SrDocumentOptions['patient'];
  studies: Map<string, NonNullable<SrDocumentOptions['study']>>;
  images: Map<string, InstanceReference>;
}

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new UsageError('--study', dir, 'not a readable folder');
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Reads every DICOM image under DIR (files that are not DICOM are ignored: folders hold DICOMDIRs, notes). */
export function readStudyFolder(dir: string): StudyFolder {
  const folder: StudyFolder = { patient: undefined, studies: new Map(), images: new Map() };
  for (const path of listFiles(dir)) {
    let ds;
    try {
      ds = decodeDicom(readInputFile(path), path);
    } catch {
      continue;
    }
    const study = ds.optionalString('StudyInstanceUID');
    const series = ds.optionalString('SeriesInstanceUID');
    const sop = ds.optionalString('SOPInstanceUID');
    const cls = ds.optionalString('SOPClassUID');
    if (!study || !series || !sop || !cls || ds.optionalString('Modality') === 'SR') continue;
    folder.patient ??= {
      PatientName: ds.optionalString('PatientName') ?? '',
      PatientID: ds.optionalString('PatientID') ?? '',
      PatientBirthDate: ds.optionalString('PatientBirthDate') ?? '',
      PatientSex: ds.optionalString('PatientSex') ?? '',
    };
    if (!folder.studies.has(study))
      folder.studies.set(study, {
        StudyInstanceUID: study,
        StudyDate: ds.optionalString('StudyDate') ?? '',
        StudyTime: ds.optionalString('StudyTime') ?? '',
        AccessionNumber: ds.optionalString('AccessionNumber') ?? '',
        ReferringPhysicianName: ds.optionalString('ReferringPhysicianName') ?? '',
        StudyID: ds.optionalString('StudyID') ?? '',
      });
    folder.images.set(sop, { studyInstanceUid: study, seriesInstanceUid: series, sopClassUid: cls, sopInstanceUid: sop });
  }
  if (folder.images.size === 0) throw new UsageError('--study', dir, 'no DICOM images found');
  return folder;
}

/** Timepoints without a study UID get the one study of the folder dated that day (none or two: left as is). */
function withStudyUids(caseFile: CaseFile, folder: StudyFolder): CaseFile {
  const timepoints = caseFile.timepoints.map((t) => {
    if (t.studyInstanceUid) return t;
    const same = [...folder.studies.values()].filter((s) => s.StudyDate === t.date.replace(/-/g, ''));
    return same.length === 1 ? { ...t, studyInstanceUid: same[0].StudyInstanceUID } : t;
  });
  return { ...caseFile, timepoints };
}

function parseCriteriaList(value: string | undefined): CriteriaName[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim());
  for (const c of list)
    if (!CRITERIA_NAMES.includes(c as CriteriaName))
      throw new UsageError('--criteria', 'value', `unknown criteria "${c}" (expected ${CRITERIA_NAMES.join(', ')})`);
  return list as CriteriaName[];
}

function nowDicom(): { date: string; time: string } {
  return dicomDateTimeNow(new Date());
}

export function register(program: Command): void {
  program
    .command('sr-write')
    .description('Write a case file as a DICOM SR (TID 1500) with time points, lesions, measurements and responses')
    .argument('<case>', 'case file (JSON, schema version 1)')
    .requiredOption('--out <file>', 'SR file to write')
    .option('--study <dir>', 'folder with the DICOM images of the baseline and follow-up studies')
    .option('--reader <name>', "reader's name (DICOM PN, e.g. Smith^Jane); overrides the case file's reader")
    .option('--reader-role <role>', 'identifier within the reader role, e.g. "Reader 1" or "Adjudicator"')
    .option('--predecessor <sr>', 'the SR this one replaces (a new instance referencing it, never an overwrite)')
    .option('--criteria <list>', `criteria whose responses are recorded, comma-separated (default: the case file's)`)
    .option('--force', FORCE_HELP)
    .option('--sign-off', 'sign the read off as its reader now: the SR is COMPLETE and VERIFIED (refused while a value is blank)')
    .action(
      (
        casePath: string,
        o: { out: string; study?: string; reader?: string; readerRole?: string; predecessor?: string; criteria?: string; signOff?: boolean; force?: boolean },
      ) => {
        const policy = { inputs: [casePath, o.predecessor], force: o.force };
        checkOutput(o.out, policy);
        let caseFile = loadCaseFile(casePath);
        let reader: Reader | undefined = caseFile.reader;
        if (o.reader !== undefined) reader = { name: o.reader };
        if (o.readerRole !== undefined) {
          if (!reader) throw new UsageError('--reader-role', 'value', 'needs --reader or a reader in the case file');
          reader = { ...reader, role: o.readerRole };
        }
        if (!reader) throw new UsageError('--reader', 'value', 'missing: the SR names its reader (give --reader NAME or "reader" in the case file)');
        const { date, time } = nowDicom();
        const document: Parameters<typeof writeSr>[0]['document'] = { contentDate: date, contentTime: time };
        if (o.signOff) {
          const problem = signOffProblem(caseFile);
          if (problem) throw new CriteriaInputError(casePath, 'sign-off', problem);
          document.signOff = { by: reader.name, at: new Date().toISOString() };
        }
        if (o.study) {
          const folder = readStudyFolder(o.study);
          caseFile = withStudyUids(caseFile, folder);
          document.patient = folder.patient;
          document.images = folder.images;
          // The SR is stored with the latest study read (the one whose date is last among the timepoints).
          const byUid = [...folder.studies.values()];
          const dates = new Map(caseFile.timepoints.map((t) => [t.date.replace(/-/g, ''), t]));
          const matched = byUid
            .filter((s) => caseFile.timepoints.some((t) => t.studyInstanceUid === s.StudyInstanceUID) || dates.has(s.StudyDate ?? ''))
            .sort((a, b) => (a.StudyDate ?? '').localeCompare(b.StudyDate ?? ''));
          document.study = matched[matched.length - 1] ?? byUid.sort((a, b) => (a.StudyDate ?? '').localeCompare(b.StudyDate ?? ''))[byUid.length - 1];
        } else {
          // No images: the SR joins the latest timepoint's study (when its UID is known) with the date, time and
          // id the case file gives for it; otherwise it starts its own study, made when the report was.
          const latest = [...caseFile.timepoints].sort((a, b) => a.date.localeCompare(b.date)).pop();
          if (latest?.studyInstanceUid) {
            document.study = {
              StudyInstanceUID: latest.studyInstanceUid,
              StudyDate: latest.date.replace(/-/g, ''),
              StudyTime: latest.studyTime ?? '',
              StudyID: latest.studyId ?? '',
            };
            // Type 2: empty is valid, but a PACS or DICOMDIR wants them; say how to fill them instead of inventing.
            if (latest.studyTime === undefined || latest.studyId === undefined)
              process.stderr.write(
                `${casePath}: note: timepoints "${latest.id}": no studyTime/studyId, left empty in the SR (give them in the case file, or --study DIR)\n`,
              );
          } else if (latest)
            document.study = { StudyInstanceUID: newUid(), StudyDate: latest.date.replace(/-/g, ''), StudyTime: time, StudyID: latest.id.slice(0, 16) };
        }
        if (o.predecessor) {
          const prev = readSr(readInputFile(o.predecessor), o.predecessor);
          document.predecessor = prev.instance;
          // A re-save stays in the predecessor's series and study, as the next instance.
          document.seriesInstanceUid = prev.instance.seriesInstanceUid;
          document.study ??= { StudyInstanceUID: prev.instance.studyInstanceUid };
        }
        const written = writeSr({ caseFile, reader, criteria: parseCriteriaList(o.criteria), document, file: casePath });
        writeOutput(o.out, written.bytes, policy);
        process.stdout.write(`${o.out}: SR ${written.dataset.SOPInstanceUID as string} written\n`);
      },
    );
}
