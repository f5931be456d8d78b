/**
 * The cohort PDF, in the reference study's layout (Xu, Ding et al., Tables 2 and 3): per-tumour response at each
 * visit with ORR and DCR and their exact 95 % intervals, each tumour's course across the visits, time to
 * progression per patient and its medians, then the figures (waterfall, spider, swimmer, Kaplan-Meier).
 */
import type { Proportion } from '../criteria/cohort/clopperPearson';
import { formatProportion } from '../criteria/cohort/cohortText';
import type { CohortSummary, ResponseTally } from '../criteria/cohort/cohortSummary';
import type { CriteriaName } from '../criteria/types';
import type { CohortFigureData, CohortFigureFile } from './cohortFigures';
import { COHORT_FIGURE_FILES } from './cohortFigures';
import { criterionLabel } from './courseCharts';
import { PDF_FONT, PDF_FONT_BOLD, pdfText, type PdfCanvas, type PdfHost } from './pdfCanvas';
import { drawChart, drawHeading, drawParagraph, drawTable } from './pdfTable';

function countPct(t: ResponseTally, key: keyof ResponseTally['counts']): string {
  const n = t.counts[key];
  return t.n === 0 ? '0' : `${n} (${((100 * n) / t.n).toFixed(1)}%)`;
}

/** "19/21 90.5% (69.6-98.8)": the rate with its exact interval, short enough for a table cell. */
function rateCell(p: Proportion): string {
  if (p.rate === null || p.ci === null) return `${p.x}/${p.n}`;
  return `${p.x}/${p.n} ${(100 * p.rate).toFixed(1)}% (${(100 * p.ci[0]).toFixed(1)}-${(100 * p.ci[1]).toFixed(1)})`;
}

export function layoutCohortPdf(
  doc: PdfCanvas,
  summary: CohortSummary,
  figures: CohortFigureData,
  criteria: CriteriaName,
  charts: Partial<Record<CohortFigureFile, string>>,
  host: PdfHost,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.y = doc.page.margins.top;
  doc.fillColor('#000000').font(PDF_FONT_BOLD).fontSize(16).text(pdfText(`Cohort: ${summary.patients.length} patients, ${summary.lesions.length} tumours (${criterionLabel(criteria)})`), left, doc.y, { width });
  doc.font(PDF_FONT).fontSize(9).text('Per tumour: the target rules applied to each tumour against its own baseline and nadir. Days from the baseline scan.', left, doc.y + 2, { width });
  doc.y += 6;

  drawHeading(doc, 'Tumour response at each visit (per tumour)');
  drawTable(doc, {
    header: ['Visit', 'n', 'CR', 'PR', 'SD', 'PD', 'NE/none', 'ORR (CR+PR), 95% CI', 'DCR (CR+PR+SD), 95% CI'],
    widths: [0.95, 0.35, 1, 1, 1, 0.9, 0.7, 2.1, 2.3],
    fontSize: 8,
    rows: figures.perVisit.rows.map(({ visit, tally }) => [
      visit.label,
      String(tally.n),
      countPct(tally, 'CR'),
      countPct(tally, 'PR'),
      countPct(tally, 'SD'),
      countPct(tally, 'PD'),
      String(tally.counts.NE + tally.counts['none in window']),
      rateCell(tally.objectiveResponse),
      rateCell(tally.diseaseControl),
    ]),
  });
  drawParagraph(
    doc,
    `Counts (percent of n); exact (Clopper-Pearson) 95% intervals. Visit = the follow-up nearest the day from baseline: ${figures.perVisit.rows.map((r) => `${r.visit.label} day ${r.visit.day} +/- ${r.visit.windowDays}`).join(', ')}.`,
    8,
  );
  doc.y += 4;

  drawHeading(doc, 'Each tumour across the visits');
  const visits = figures.perVisit.rows.map((r) => r.visit.label);
  const bestChange = new Map(figures.waterfall.map((w) => [`${w.patientId} ${w.lesionId}`, w.bestChangePct]));
  drawTable(doc, {
    header: ['Patient', 'Tumour', 'Site', ...visits, 'Best', 'Best change'],
    widths: [0.8, 0.7, 1.1, ...visits.map(() => 0.9), 0.7, 1],
    rows: summary.lesions.map((l) => {
      const change = bestChange.get(`${l.patientId} ${l.lesionId}`) ?? null;
      return [
        l.patientId,
        l.lesionId,
        l.site ?? '',
        ...visits.map((v) => figures.perVisit.cells.find((c) => c.patientId === l.patientId && c.lesionId === l.lesionId && c.visit === v)?.response ?? '-'),
        l.best,
        change === null ? '-' : `${change > 0 ? '+' : ''}${change.toFixed(1)} %`,
      ];
    }),
  });

  drawHeading(doc, 'Time to progression (per patient, from the baseline scan)');
  drawTable(doc, {
    header: ['Patient', 'Best overall response', 'Progression date', 'TTP (days)', 'Status'],
    rows: summary.patients.map((p) => [p.patientId, p.bestOverallResponse, p.progressionDate ?? '-', String(p.timeToProgressionDays), p.progressed ? 'progressed' : 'censored']),
  });
  const ttp = summary.timeToProgression;
  drawParagraph(
    doc,
    `${ttp.progressed} progressed, ${ttp.censored} censored. Median TTP of the observed progressions: ${ttp.medianObservedDays === null ? 'none' : `${ttp.medianObservedDays} days`}. ` +
      `Kaplan-Meier median: ${ttp.kaplanMeierMedianDays === null ? 'not reached' : `${ttp.kaplanMeierMedianDays} days`}.`,
  );
  drawParagraph(doc, `Per patient at day ${summary.atDays}: ORR ${formatProportion(summary.perPatientAtDay.objectiveResponse)}; DCR ${formatProportion(summary.perPatientAtDay.diseaseControl)}.`);
  doc.y += 4;

  drawHeading(doc, 'Figures', 220);
  for (const name of COHORT_FIGURE_FILES) {
    const svg = charts[name];
    if (svg !== undefined) drawChart(doc, svg, host.drawSvg, width * 0.95);
  }
}
