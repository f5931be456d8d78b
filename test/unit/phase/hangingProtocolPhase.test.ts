/**
 * The hanging protocol's series attribute: each demo study's series as display sets (the demo writer's own
 * metadata, no pixels), classified in the context of their study; the arterial one earns the highest weight,
 * also in the study whose descriptions name no phase.
 */
import {
  baselineVsCurrentProtocol,
  displaySetPhaseLabel,
  getHangingProtocolModule,
  SERIES_PHASE_ATTRIBUTE,
  type PhaseDisplaySet,
} from '../../../extensions/mrecist/src/ohif/baselineVsCurrentProtocol';
import { ctVolume } from '../../../scripts/demo/ctVolume';
import { demoPatient } from '../../../scripts/demo/demoPatient';
import { croppedGrid } from '../../../scripts/demo/VolumeGrid';
import { ctSliceDataset, studySeriesSpecs } from '../../../scripts/demo/writeCtSeries';

const patient = demoPatient(12);

function displaySets(studyIndex: number): PhaseDisplaySet[] {
  const study = patient.studies[studyIndex];
  const volume = ctVolume(patient, study, { grid: croppedGrid(study.grid, [0, 0, 0], [3, 3, 2]), noise: false });
  return studySeriesSpecs(study).map((spec) => {
    const instances = [0, 1].map((k) => {
      const { PixelData: _p, ...metadata } = ctSliceDataset(patient, study, volume, k, spec);
      return metadata;
    });
    return { StudyInstanceUID: study.studyInstanceUid, SeriesDescription: spec.description, instances };
  });
}

/** Weight a display set earns from the protocol's rules on the phase attribute (containsI / equals). */
function phaseWeight(label: string): number {
  const rules = baselineVsCurrentProtocol.displaySetSelectors.currentArterial.seriesMatchingRules as ReadonlyArray<{
    attribute: string;
    weight?: number;
    constraint: { containsI?: string; equals?: { value: string } };
  }>;
  return rules
    .filter((r) => r.attribute === SERIES_PHASE_ATTRIBUTE)
    .filter((r) => (r.constraint.containsI ? label.toLowerCase().includes(r.constraint.containsI) : r.constraint.equals?.value === label))
    .reduce((sum, r) => sum + (r.weight ?? 0), 0);
}

describe('hanging protocol: arterial series by contrast phase', () => {
  it.each(patient.studies.map((s, i) => [s.label, i] as const))('%s: the arterial series is late arterial and outranks the others', (_label, i) => {
    const sets = displaySets(i);
    const labels = sets.map((d) => displaySetPhaseLabel(d, sets));
    // Specs: arterial, non-contrast, portal venous.
    expect(labels[0]).toBe('late arterial');
    expect(labels[2]).toBe('portal venous');
    expect(labels[1]).toBe(patient.studies[i].namesPhases ? 'non-contrast' : 'unknown');
    const weights = labels.map(phaseWeight);
    expect(weights[0]).toBeGreaterThan(Math.max(weights[1], weights[2]));
  });

  it('a display set alone, without metadata, is unknown', () => {
    expect(displaySetPhaseLabel({})).toBe('unknown');
    expect(displaySetPhaseLabel({ instances: [] }, [])).toBe('unknown');
  });

  it('registers the attribute with the host when given its services', () => {
    const added: string[] = [];
    const servicesManager = { services: { hangingProtocolService: { addCustomAttribute: (id: string) => added.push(id) } } };
    const module = getHangingProtocolModule({ servicesManager: servicesManager as never });
    expect(module[0].protocol).toBe(baselineVsCurrentProtocol);
    expect(added).toEqual([SERIES_PHASE_ATTRIBUTE]);
  });
});
