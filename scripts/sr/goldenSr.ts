/**
 * The golden SR fixture: test/fixtures/sr/P12.case.json written with fixed UIDs and date/time.
 * `npx tsx scripts/sr/goldenSr.ts` regenerates test/fixtures/sr/P12.sr.dcm; review the diff (dsrdump) before
 * committing. The unit test writes the same request and compares bytes, so any codec change shows up there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { uidFromName } from '../../extensions/mrecist/src/core/dicom/uid';
import { writeSr, type WriteSrRequest } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';

export const FIXTURE_DIR = path.resolve(__dirname, '../../test/fixtures/sr');
export const GOLDEN_CASE = path.join(FIXTURE_DIR, 'P12.case.json');
export const GOLDEN_SR = path.join(FIXTURE_DIR, 'P12.sr.dcm');

export function goldenRequest(): WriteSrRequest {
  const caseFile = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
  return {
    caseFile,
    criteria: ['mrecist', 'recist1.1', 'easl'],
    document: {
      contentDate: '20191105',
      contentTime: '101500',
      study: { StudyInstanceUID: uidFromName('golden study M6'), StudyDate: '20191104', StudyTime: '090000', StudyID: 'M6' },
      seriesNumber: 900,
      instanceNumber: 1,
      softwareVersion: 'golden',
    },
    newUid: (purpose) => uidFromName(`golden ${purpose}`),
    file: 'P12.case.json',
  };
}

if (require.main === module) {
  const { bytes } = writeSr(goldenRequest());
  writeFileSync(GOLDEN_SR, bytes);
  process.stdout.write(`${GOLDEN_SR}: ${bytes.length} bytes\n`);
}
