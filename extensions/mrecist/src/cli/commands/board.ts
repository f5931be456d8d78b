/**
 * `mrecist board CASE.json|SR.dcm --out board.pdf [--images DIR] [--implant-date DATE --final-dose-gy GY]
 * [--struct FILE --prescription GY --dose FILE [--planned-dose FILE] [--roi NAME]] [--dicom-out DIR]`: the tumour board summary of one patient as a PDF (A4), without a browser: patient, reader
 * and sign-off, timeline, responses per criterion, course charts, key images (when the images are given), dose
 * delivered by scan date and the short decision trail.
 */
import type { Command } from 'commander';
import type { ImplantDose } from '../../core/board/doseByScanDate';
import { epochDay } from '../../core/criteria/calendarDate';
import type { CaseFile } from '../../core/criteria/types';
import { ISOTOPE_HALF_LIFE_DAYS } from '../../core/dose/isotopes';
import { UsageError } from '../../core/errors';
import type { SignOff } from '../../core/read/signOff';
import { readSr } from '../../core/sr/srFromCaseFile';
import { buildBoardPdf } from '../board/boardPdf';
import { renderKeyImages } from '../board/keyImages';
import { boardDvhFromOptions, type BoardDvhOptions } from '../board/boardDvh';
import { writeOutputFile } from '../board/writeOutputFile';
import { measuredImages } from '../../core/board/keyImageReferences';
import { latestStudyContext, writeBoardDicom } from '../board/boardDicom';
import { patientStudyContextOf, type PatientStudyContext } from '../../core/dicom/compositeModules';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { isDicomFile, printJson, readInputFile } from '../io';
import { loadCaseFile } from './assess';

interface BoardOptions extends BoardDvhOptions {
  out?: string;
  images?: string;
  implantDate?: string;
  finalDoseGy?: string;
  finalDoseLabel?: string;
  halfLifeDays?: string;
  dicomOut?: string;
  json?: boolean;
}

/** A case file, or the read inside one of our SRs (with its sign-off). */
export function loadRead(path: string): { caseFile: CaseFile; signOff?: SignOff; study?: PatientStudyContext } {
  const bytes = readInputFile(path);
  if (!isDicomFile(bytes)) return { caseFile: loadCaseFile(path) };
  const read = readSr(bytes, path);
  return { caseFile: read.caseFile, signOff: read.signOff, study: patientStudyContextOf(decodeDicom(bytes, path)) };
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(flag, 'value', `expected a positive number, got "${text}"`);
  return value;
}

/** The implant's dose when both its date and its final dose are given; either alone is a usage error. */
export function implantFromOptions(o: BoardOptions): ImplantDose | undefined {
  if (o.implantDate === undefined && o.finalDoseGy === undefined) return undefined;
  if (o.implantDate === undefined) throw new UsageError('--implant-date', 'value', 'needed with --final-dose-gy');
  if (o.finalDoseGy === undefined) throw new UsageError('--final-dose-gy', 'value', 'needed with --implant-date');
  if (epochDay(o.implantDate) === null) throw new UsageError('--implant-date', 'value', `expected a date YYYY-MM-DD, got "${o.implantDate}"`);
  return {
    implantDate: o.implantDate,
    finalDoseGy: positiveNumber('--final-dose-gy', o.finalDoseGy),
    halfLifeDays: o.halfLifeDays === undefined ? ISOTOPE_HALF_LIFE_DAYS['I-125'] : positiveNumber('--half-life-days', o.halfLifeDays),
    label: o.finalDoseLabel ?? 'prescription',
  };
}

export function register(program: Command): void {
  program
    .command('board')
    .description('Tumour board summary of one patient as a PDF (A4): responses, course charts, key images, dose, trail')
    .argument('<read>', 'case file (JSON) or our DICOM SR')
    .option('--out <file>', 'the PDF to write (required)')
    .option('--images <dir>', 'folder of the DICOM images the lines were drawn on: key images of the measured slices')
    .option('--implant-date <date>', 'seed implant date (YYYY-MM-DD): days since implant, dose delivered by scan date')
    .option('--final-dose-gy <gy>', 'final (full-decay) dose in Gy, e.g. the prescription or the GTV D90')
    .option('--final-dose-label <text>', 'what the final dose is (default "prescription")')
    .option('--half-life-days <days>', 'isotope half-life (default I-125, 59.4 d)')
    .option('--struct <file>', 'RT Structure Set with the GTV, for its DVH (with --dose and/or --planned-dose, --prescription)')
    .option('--roi <name>', 'the target ROI in --struct (default GTV)')
    .option('--prescription <gy>', 'prescription (100 %) for V100 and V150, Gy')
    .option('--dose <file>', 'post-implant RT Dose (Gy) for the DVH')
    .option('--planned-dose <file>', 'planned RT Dose (Gy), drawn against the post-implant DVH')
    .option('--dicom-out <dir>', 'also write the PDF as DICOM Encapsulated PDF and a Key Object Selection of the measured images')
    .option('--json', 'print what was written (pages, milliseconds) as JSON')
    .action(async (readPath: string, options: BoardOptions) => {
      if (options.out === undefined) throw new UsageError('--out', 'value', 'the PDF to write is required');
      const started = performance.now();
      const { caseFile, signOff, study } = loadRead(readPath);
      const implant = implantFromOptions(options);
      const dvh = boardDvhFromOptions(options);
      // Checked before the PDF is built, so a case file without the latest study fails at once.
      const context = options.dicomOut === undefined ? null : (study ?? latestStudyContext(caseFile, readPath));
      const keyImages = options.images === undefined ? null : renderKeyImages(options.images, measuredImages(caseFile));
      const pdf = await buildBoardPdf({ caseFile, signOff, implant, dvh }, keyImages?.images ?? []);
      writeOutputFile(options.out, pdf.bytes);
      const milliseconds = Math.round(performance.now() - started);
      const dicom = options.dicomOut === undefined || context === null ? null : writeBoardDicom(options.dicomOut, pdf.bytes, caseFile, context);
      const images = keyImages === null ? {} : { keyImages: keyImages.images.length, keyImagesNotFound: keyImages.notFound };
      const summary = { out: options.out, pages: pdf.pages, bytes: pdf.bytes.length, milliseconds, ...images, ...(dicom ? { dicom } : {}) };
      if (options.json) {
        printJson(summary);
        return;
      }
      process.stdout.write(`${summary.out}: ${summary.pages} page(s), ${summary.bytes} bytes, ${summary.milliseconds} ms\n`);
      if (keyImages) process.stdout.write(`key images: ${keyImages.images.length}\n${keyImages.notFound.map((n) => `not found: ${n}\n`).join('')}`);
      if (dicom) {
        process.stdout.write(`${dicom.encapsulatedPdf}: Encapsulated PDF in study ${(context as PatientStudyContext).studyInstanceUid}\n`);
        process.stdout.write(dicom.keyObjectSelection ? `${dicom.keyObjectSelection}: Key Object Selection of ${dicom.keyImages} measured image(s)\n` : 'no Key Object Selection: the read references no measured image\n');
        for (const n of dicom.notReferenced) process.stdout.write(`not referenced: ${n}\n`);
      }
    });
}
