import { dicomTimeSeconds, phaseFromDelaySeconds, secondsBetween } from '../../../extensions/mrecist/src/core/phase/phaseFromTiming';
import { classifySeriesPhase, classifyStudyPhases } from '../../../extensions/mrecist/src/core/phase/classifySeriesPhase';

describe('phase from the delay after injection', () => {
  it.each([
    [-5, 'nonContrast', undefined, 1],
    [0, 'nonContrast', undefined, 0.6],
    [9.9, 'nonContrast', undefined, 0.6],
    [10, 'arterial', 'early', 0.9],
    [27.9, 'arterial', 'early', 0.9],
    [28, 'arterial', 'late', 1],
    [49.9, 'arterial', 'late', 1],
    [50, 'portalVenous', undefined, 0.5],
    [58, 'portalVenous', undefined, 1],
    [99.9, 'portalVenous', undefined, 1],
    [100, 'portalVenous', undefined, 0.5],
    [120, 'delayed', undefined, 1],
    [599, 'delayed', undefined, 1],
    [600, 'delayed', undefined, 0.7],
  ])('%s s (extracellular agent) → %s %s, certainty %s', (s, phase, subphase, certainty) => {
    const t = phaseFromDelaySeconds(s, { gadoxetate: false });
    expect(t?.phase).toBe(phase);
    expect(t?.subphase).toBe(subphase);
    expect(t?.certainty).toBe(certainty);
  });

  it.each([
    [119, 'portalVenous', undefined],
    [120, 'delayed', 'transitional'],
    [599, 'delayed', 'transitional'],
    [600, 'hepatobiliary', undefined],
    [1200, 'hepatobiliary', undefined],
  ])('%s s with gadoxetate → %s %s', (s, phase, subphase) => {
    const t = phaseFromDelaySeconds(s, { gadoxetate: true });
    expect(t?.phase).toBe(phase);
    expect(t?.subphase).toBe(subphase);
  });

  it('ignores implausible delays', () => {
    expect(phaseFromDelaySeconds(4 * 3600, { gadoxetate: false })).toBeUndefined();
    expect(phaseFromDelaySeconds(NaN, { gadoxetate: false })).toBeUndefined();
  });

  it.each([
    ['104218', 38538],
    ['104218.5', 38538.5],
    ['10:42:18', 38538],
    ['1042', 38520],
    ['10', 36000],
    ['', undefined],
    ['25', undefined],
    ['abc', undefined],
  ])('TM "%s" → %s s', (tm, s) => expect(dicomTimeSeconds(tm)).toBe(s));

  it('measures across midnight the short way', () => {
    expect(secondsBetween(86_380, 20)).toBe(40);
    expect(secondsBetween(20, 86_380)).toBe(-40);
  });

  it('uses the start time: 35 s is late arterial, with the delay in the evidence', () => {
    const r = classifySeriesPhase({ modality: 'CT', contrastBolusStartTimeS: 36000, acquisitionTimeS: 36035 });
    expect(r).toMatchObject({ phase: 'arterial', subphase: 'late', confidence: 0.8 });
    expect(r.evidence).toContain('AcquisitionTime 35 s after ContrastBolusStartTime → arterial (late)');
  });

  it('gadoxetate MR: 20 min is hepatobiliary, 3 min transitional', () => {
    const base = { modality: 'MR', contrastBolusAgent: 'Primovist', contrastBolusStartTimeS: 36000 };
    expect(classifySeriesPhase({ ...base, acquisitionTimeS: 37200 }).phase).toBe('hepatobiliary');
    expect(classifySeriesPhase({ ...base, acquisitionTimeS: 36180 })).toMatchObject({ phase: 'delayed', subphase: 'transitional' });
    expect(classifySeriesPhase({ ...base, contrastBolusAgent: 'Dotarem', acquisitionTimeS: 36180 }).subphase).toBeUndefined();
  });

  it('acquisition order alone is too weak; with a weak word it decides', () => {
    const t = (acquisitionTimeS: number, seriesDescription = 'Abd 2.0 B30f') => ({ studyInstanceUid: '1', modality: 'CT', acquisitionTimeS, seriesDescription });
    const alone = classifyStudyPhases([t(100), t(150), t(185)]);
    expect(alone.map((r) => r.phase)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(alone[1].evidence.join(' ')).toContain('acquired 2 of 3');
    const withWord = classifyStudyPhases([t(100, 'Abd PRE'), t(150, 'Abd AP'), t(185)]);
    expect(withWord.map((r) => r.phase)).toEqual(['nonContrast', 'arterial', 'unknown']);
  });

  it('Contrast/Bolus Agent Phase is strong evidence', () => {
    expect(classifySeriesPhase({ modality: 'CT', contrastBolusAgentPhase: 'PORTAL_VENOUS' })).toMatchObject({ phase: 'portalVenous', confidence: 0.85 });
    expect(classifySeriesPhase({ modality: 'CT', contrastBolusAgentPhase: 'DYNAMIC' }).phase).toBe('unknown');
  });

  it('subtraction, localizer and non-image series', () => {
    const sub = classifySeriesPhase({ modality: 'MR', seriesDescription: 'ART SUB', imageType: ['DERIVED', 'SECONDARY', 'SUBTRACTION'] });
    expect(sub).toMatchObject({ phase: 'arterial', subtraction: true });
    expect(classifySeriesPhase({ modality: 'CT', seriesDescription: 'Topogram 0.6 T20f' }).phase).toBe('unknown');
    expect(classifySeriesPhase({ modality: 'SR', seriesDescription: 'arterial' }).evidence).toEqual(['SR: not an image series']);
  });

  it('nothing to go on is unknown, odd input never throws', () => {
    expect(classifySeriesPhase({})).toMatchObject({ phase: 'unknown', confidence: 0 });
    const odd = { modality: 42, seriesDescription: { x: 1 }, imageType: 'x' } as never;
    expect(classifySeriesPhase(odd).phase).toBe('unknown');
  });
});
