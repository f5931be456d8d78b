import {
  AORTA_UNENHANCED_MAX_HU,
  ARTERIAL_AORTA_MIN_HU,
  phaseFromAttenuation,
  PORTAL_ENHANCED_MIN_HU,
  PORTAL_VENOUS_MIN_HU,
} from '../../../extensions/mrecist/src/core/phase/phaseFromAttenuation';
import { measureVesselAttenuation } from '../../../extensions/mrecist/src/core/phase/vesselAttenuation';
import { classifySeriesPhase } from '../../../extensions/mrecist/src/core/phase/classifySeriesPhase';
import { phantom } from './vesselPhantom';

describe('phase from aorta and portal vein attenuation', () => {
  it.each([
    [AORTA_UNENHANCED_MAX_HU - 50, 40, 'nonContrast', undefined],
    [AORTA_UNENHANCED_MAX_HU - 1, 60, 'nonContrast', undefined],
    [AORTA_UNENHANCED_MAX_HU, 45, 'arterial', 'early'],
    [ARTERIAL_AORTA_MIN_HU + 140, PORTAL_ENHANCED_MIN_HU - 1, 'arterial', 'early'],
    [ARTERIAL_AORTA_MIN_HU + 140, PORTAL_ENHANCED_MIN_HU, 'arterial', 'late'],
    [310, 150, 'arterial', 'late'],
    [300, 201, 'portalVenous', undefined], // ratio just under 1.5
    [300, 200, 'arterial', 'late'], // ratio exactly 1.5
    [170, 190, 'portalVenous', undefined],
    [PORTAL_VENOUS_MIN_HU, 120, 'portalVenous', undefined],
    [PORTAL_VENOUS_MIN_HU - 1, 120, 'delayed', undefined],
    [120, 115, 'delayed', undefined],
  ])('aorta %s HU, portal vein %s HU → %s %s', (aortaHu, portalVeinHu, phase, subphase) => {
    const r = phaseFromAttenuation({ aortaHu, portalVeinHu, slicesUsed: 5 });
    expect(r.phase).toBe(phase);
    expect(r.subphase).toBe(subphase);
  });

  it('lowers certainty near a threshold', () => {
    expect(phaseFromAttenuation({ aortaHu: 40, portalVeinHu: 40, slicesUsed: 1 }).certainty).toBe(1);
    expect(phaseFromAttenuation({ aortaHu: AORTA_UNENHANCED_MAX_HU - 5, portalVeinHu: 40, slicesUsed: 1 }).certainty).toBeLessThan(1);
  });
});

describe('vessel attenuation found on the images', () => {
  it.each([
    ['nonContrast', { aorta: 40, portal: 40, liver: 60 }],
    ['arterial', { aorta: 310, portal: 150, liver: 75 }],
    ['portalVenous', { aorta: 170, portal: 190, liver: 110 }],
    ['delayed', { aorta: 120, portal: 115, liver: 95 }],
  ] as const)('%s phantom: aorta and portal vein measured, phase classified', (phase, hu) => {
    const m = measureVesselAttenuation(phantom(hu));
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    if (phase !== 'nonContrast') {
      expect(m.value.aortaHu).toBe(hu.aorta);
      expect(m.value.portalVeinHu).toBe(hu.portal);
    } else expect(m.value.aortaHu).toBeLessThan(AORTA_UNENHANCED_MAX_HU);
    expect(m.value.liverHu).toBe(hu.liver);
    expect(classifySeriesPhase({ modality: 'CT', vessels: m.value }).phase).toBe(phase);
  });

  it('works at sub-millimetre pixels', () => {
    const m = measureVesselAttenuation(phantom({ aorta: 310, portal: 150, liver: 75 }, { pixelMm: 0.8, slices: 3 }));
    expect(m).toMatchObject({ ok: true, value: { aortaHu: 310, portalVeinHu: 150 } });
  });

  it('says why it cannot measure, never throws', () => {
    const v = phantom({ aorta: 40, portal: 40, liver: 60 }, { slices: 2 });
    expect(measureVesselAttenuation({ ...v, rowDirection: [1, 0, 0], columnDirection: [0, 0, -1] })).toEqual({ ok: false, reason: 'not an axial series' });
    expect(measureVesselAttenuation({ ...v, voxelsHu: new Int16Array(10) })).toEqual({ ok: false, reason: 'pixel data shorter than the geometry' });
    expect(measureVesselAttenuation({ ...v, voxelsHu: new Int16Array(v.voxelsHu.length).fill(-1000) }).ok).toBe(false);
  });

  it('image evidence outranks a wrong description and reports the conflict', () => {
    const m = measureVesselAttenuation(phantom({ aorta: 310, portal: 150, liver: 75 }));
    if (!m.ok) throw new Error(m.reason);
    const r = classifySeriesPhase({ modality: 'CT', seriesDescription: 'Portal 5mm', vessels: m.value });
    expect(r.phase).toBe('arterial');
    expect(r.evidence).toContain('conflict: text says portalVenous; image says arterial');
  });
});
