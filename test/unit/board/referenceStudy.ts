/** The reference-study fixture (test/fixtures/criteria/reference-study), parsed as the CLI parses it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';

export const REFERENCE_STUDY_DIR = join(__dirname, '../../fixtures/criteria/reference-study');

export function referenceStudyCases(): CaseFile[] {
  return readdirSync(REFERENCE_STUDY_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseCaseFile(JSON.parse(readFileSync(join(REFERENCE_STUDY_DIR, f), 'utf8')), f));
}
