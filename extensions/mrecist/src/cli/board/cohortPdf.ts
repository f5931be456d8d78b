/** Writes the cohort figures (SVG) and cohort.pdf into a folder, in Node. */
import { join } from 'node:path';
import { COHORT_FIGURE_FILES, cohortFigureSpecs, type CohortFigureData, type CohortFigureFile } from '../../core/board/cohortFigures';
import { layoutCohortPdf } from '../../core/board/cohortPdfLayout';
import type { CohortSummary } from '../../core/criteria/cohort/cohortSummary';
import type { CriteriaName } from '../../core/criteria/types';
import { createPdf } from './pdfDocument';
import { renderChartSvg } from '../../core/board/renderChartSvg';
import { makeOutputFolder, writeOutputFile } from './writeOutputFile';

export interface WrittenFigures {
  files: string[];
  pdfPages: number;
  pdfMilliseconds: number;
}

export async function writeCohortFigures(outDir: string, summary: CohortSummary, figures: CohortFigureData, criteria: CriteriaName): Promise<WrittenFigures> {
  makeOutputFolder(outDir, '--figures');
  const started = performance.now();
  const specs = cohortFigureSpecs(figures, summary, criteria);
  const svgs: Partial<Record<CohortFigureFile, string>> = {};
  const files: string[] = [];
  for (const name of COHORT_FIGURE_FILES) {
    svgs[name] = await renderChartSvg(specs[name]);
    files.push(writeOutputFile(join(outDir, name), svgs[name] as string));
  }
  const pdf = createPdf('Cohort response');
  layoutCohortPdf(pdf.doc, summary, figures, criteria, svgs, pdf.host);
  const { bytes, pages } = await pdf.finish();
  files.push(writeOutputFile(join(outDir, 'cohort.pdf'), bytes));
  return { files, pdfPages: pages, pdfMilliseconds: Math.round(performance.now() - started) };
}
