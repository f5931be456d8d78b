/**
 * EXTENSION POINT for objects that belong to the demo case but not to the CT generator, such as the implant
 * plan (RT Plan, RT Structure Set, RT Dose in the pre-implant study; scripts/demo/generatePlan.ts, owned by the
 * dosimetry work). To add one: export a DemoExtraGenerator from your file and add it to DEMO_EXTRA_GENERATORS
 * below (one import, one list entry). generateDemo runs them in order after the CT series and truth.json are
 * written; their name@version goes into the stamp, so adding or bumping one regenerates the demo.
 */
import type { DemoPatient, DemoStudy } from './demoPatient';
import { PLAN_GENERATOR } from './generatePlan';
import { MRI_GENERATOR } from './writeMrSeries';

export interface DemoGeneratorContext {
  /** Output root, e.g. "demo-data". */
  readonly outDir: string;
  readonly patient: DemoPatient;
  /** Directory of a study's CT series (files 0001.dcm …), for references to the images. */
  ctSeriesDirectory(study: DemoStudy): string;
  /** Where a new series of a study should go: <outDir>/dicom/<study label>/<seriesLabel>. */
  seriesDirectory(study: DemoStudy, seriesLabel: string): string;
}

export interface DemoExtraGenerator {
  readonly name: string;
  /** Bump when the output changes, so existing demo data is regenerated. */
  readonly version: number;
  /** Writes its files; returns the paths written (for the summary). */
  generate(context: DemoGeneratorContext): Promise<readonly string[]> | readonly string[];
}

export const DEMO_EXTRA_GENERATORS: readonly DemoExtraGenerator[] = [PLAN_GENERATOR, MRI_GENERATOR];
