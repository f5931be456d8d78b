/**
 * The viewer's phase of each loaded series (SeriesPhaseBook over display sets built from the demo writer's own
 * metadata, no pixels), the series a timepoint is read on, and what the viewport label says.
 */
import type { HostDisplaySet, HostInstance } from '../../../extensions/mrecist/src/ohif/hostServices';
import { arterialDisplaySet, classifyDisplaySets, SeriesPhaseBook } from '../../../extensions/mrecist/src/ohif/phase/SeriesPhaseBook';
import { viewportLabelContent } from '../../../extensions/mrecist/src/ohif/phase/ViewportPhaseLabels';
import { groupSeriesByPhase } from '../../../extensions/mrecist/src/core/phase/seriesByPhase';
import { ctVolume } from '../../../scripts/demo/ctVolume';
import { demoPatient } from '../../../scripts/demo/demoPatient';
import { croppedGrid } from '../../../scripts/demo/VolumeGrid';
import { ctSliceDataset, studySeriesSpecs } from '../../../scripts/demo/writeCtSeries';

const patient = demoPatient(12);

function displaySets(studyIndex: number): HostDisplaySet[] {
  const study = patient.studies[studyIndex];
  const volume = ctVolume(patient, study, { grid: croppedGrid(study.grid, [0, 0, 0], [3, 3, 2]), noise: false });
  return studySeriesSpecs(study).map((spec, s) => {
    const instances = [0, 1].map((k) => {
      const { PixelData: _p, ...metadata } = ctSliceDataset(patient, study, volume, k, spec);
      return metadata as unknown as HostInstance;
    });
    return { displaySetInstanceUID: `ds-${studyIndex}-${s}`, StudyInstanceUID: study.studyInstanceUid, SeriesInstanceUID: String(instances[0].SeriesInstanceUID), SeriesDescription: spec.description, instances };
  });
}

const unnamed = patient.studies.findIndex((s) => !s.namesPhases);

describe('phases of the loaded series', () => {
  it('the study whose descriptions name no phase: arterial and portal venous from the contrast timing', () => {
    const classified = classifyDisplaySets(displaySets(unnamed));
    expect(classified.map((c) => [c.result.phase, c.result.subphase ?? ''])).toEqual([
      ['arterial', 'late'],
      ['unknown', ''],
      ['portalVenous', ''],
    ]);
    expect(classified.every((c) => c.seriesDescription && !/arter|portal|contrast/i.test(c.seriesDescription))).toBe(true);
    expect(groupSeriesByPhase(classified).map((g) => g.phase)).toEqual(['arterial', 'portalVenous', 'unknown']);
  });

  it('the series a timepoint is read on is its arterial one, whatever the description says', () => {
    const sets = displaySets(unnamed);
    expect(arterialDisplaySet([...sets].reverse())?.displaySetInstanceUID).toBe(sets[0].displaySetInstanceUID);
    expect(arterialDisplaySet([sets[1], sets[2]])).toBeUndefined();
  });

  it('only CT/MR series with images are classified; results are kept until the study’s series change', () => {
    const sets = displaySets(0);
    const sr = { displaySetInstanceUID: 'sr', StudyInstanceUID: sets[0].StudyInstanceUID, SeriesInstanceUID: 'sr', Modality: 'SR', instances: [{ StudyInstanceUID: sets[0].StudyInstanceUID, SeriesInstanceUID: 'sr', Modality: 'SR' }] };
    let active: HostDisplaySet[] = [...sets, sr];
    const book = new SeriesPhaseBook({ getActiveDisplaySets: () => active });
    const first = book.forStudy(sets[0].StudyInstanceUID);
    expect(first.map((c) => c.displaySetInstanceUID)).toEqual(sets.map((d) => d.displaySetInstanceUID));
    expect(book.forStudy(sets[0].StudyInstanceUID)).toBe(first);
    expect(book.phaseOf(sets[0].StudyInstanceUID, sets[2].SeriesInstanceUID)?.phase).toBe('portalVenous');
    expect(book.phaseOf(sets[0].StudyInstanceUID, 'sr')).toBeUndefined();
    active = [sets[0]];
    expect(book.forStudy(sets[0].StudyInstanceUID)).toHaveLength(1);
  });
});

describe('viewport label', () => {
  const sets = displaySets(unnamed);
  const classified = classifyDisplaySets(sets);

  it('timepoint, date and phase; the evidence on hover', () => {
    const c = viewportLabelContent({ timepointId: 'M2', date: '2024-03-12', series: classified[0] });
    expect(c.text).toBe('M2 · 2024-03-12 · late arterial');
    expect(c.phase).toBe('arterial');
    expect(c.title.split('\n')[0]).toMatch(/^Contrast phase: late arterial \(confidence \d+ %\)$/);
    expect(c.title).toContain('• AcquisitionTime 35 s after ContrastBolusStartTime → arterial (late)');
  });

  it('unknown phase, a study outside the read, and a viewport without an image series say so', () => {
    expect(viewportLabelContent({ timepointId: 'M2', date: '2024-03-12', series: classified[1] })).toMatchObject({ text: 'M2 · 2024-03-12 · phase unknown', phase: 'unknown' });
    expect(viewportLabelContent({ series: classified[2] }).text).toBe('not in the read · no date · portal venous');
    expect(viewportLabelContent({ timepointId: 'BL', date: '2024-01-02' })).toMatchObject({ text: 'BL · 2024-01-02 · no phase (not a CT/MR series)', phase: 'none' });
  });

  it('DICOM text stays text: a description with markup is carried verbatim, never interpreted', () => {
    const hostile = { ...classified[0], result: { ...classified[0].result, evidence: ['SeriesDescription "<img src=x onerror=alert(1)>"'] } };
    expect(viewportLabelContent({ timepointId: 'M1', date: '2024-01-01', series: hostile }).title).toContain('• SeriesDescription "<img src=x onerror=alert(1)>"');
  });
});
