import type { CaseFile, TargetLesion } from '../../../extensions/mrecist/src/core/criteria/types';
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { attachMeasurement } from '../../../extensions/mrecist/src/core/read/measurementEdits';
import { confirmViablePhase, offArterialViableValues, withDrawnPlace } from '../../../extensions/mrecist/src/core/read/measurementPhase';
import { twoTimepointRead } from './fixtures';

const base: CaseFile = twoTimepointRead({ patientId: 'P' });
const m = (read: CaseFile, id = 'T1') => (read.lesions.find((l) => l.id === id) as TargetLesion).measurements;

function withTarget(): CaseFile {
  let r = attachMeasurement(base, undefined, { timepointId: 'BL', longAxisMm: 40, seriesInstanceUid: 'bl-art', phase: 'arterial' }, []).read;
  r = attachMeasurement(r, 'T1', { timepointId: 'M1', longAxisMm: 20, seriesInstanceUid: 'm1-pv', phase: 'portalVenous' }, []).read;
  return r;
}

describe('the series and phase a value was measured on', () => {
  it('a drawn line records its series and the classifier’s phase with the values', () => {
    const r = withTarget();
    expect(m(r).BL).toMatchObject({ viableLongAxisMm: 40, seriesInstanceUid: 'bl-art', phase: 'arterial' });
    expect(m(r).M1).toMatchObject({ viableLongAxisMm: 20, seriesInstanceUid: 'm1-pv', phase: 'portalVenous' });
  });

  it('a line with no known series leaves the place as it was', () => {
    const r = attachMeasurement(withTarget(), 'T1', { timepointId: 'M1', longAxisMm: 21 }, []).read;
    expect(m(r).M1).toMatchObject({ viableLongAxisMm: 21, seriesInstanceUid: 'm1-pv', phase: 'portalVenous' });
  });

  it('the place follows the viable line: a whole-lesion line on another phase does not move it', () => {
    const r = attachMeasurement(withTarget(), 'T1', { timepointId: 'M1', axis: 'whole', longAxisMm: 38, seriesInstanceUid: 'm1-nc', phase: 'nonContrast' }, []).read;
    expect(m(r).M1).toMatchObject({ viableLongAxisMm: 20, longAxisMm: 38, seriesInstanceUid: 'm1-pv', phase: 'portalVenous' });
  });

  it('a whole-lesion line alone records its own place', () => {
    const r = attachMeasurement(base, undefined, { timepointId: 'BL', axis: 'whole', longAxisMm: 50, seriesInstanceUid: 's', phase: 'portalVenous' }, []).read;
    expect(m(r).BL).toMatchObject({ longAxisMm: 50, seriesInstanceUid: 's', phase: 'portalVenous' });
  });

  it('a confirmation holds for the series it was given for; redrawing elsewhere drops it, redrawing there keeps it', () => {
    const confirmed = confirmViablePhase(withTarget(), 'T1', 'M1', '  arterial series degraded\n by motion ');
    expect(m(confirmed).M1).toMatchObject({ phaseConfirmedReason: 'arterial series degraded by motion' });
    const same = attachMeasurement(confirmed, 'T1', { timepointId: 'M1', longAxisMm: 22, seriesInstanceUid: 'm1-pv', phase: 'portalVenous' }, []).read;
    expect(m(same).M1).toMatchObject({ viableLongAxisMm: 22, phaseConfirmedReason: 'arterial series degraded by motion' });
    const moved = attachMeasurement(confirmed, 'T1', { timepointId: 'M1', longAxisMm: 18, seriesInstanceUid: 'm1-art', phase: 'arterial' }, []).read;
    expect(m(moved).M1).toEqual({ viableLongAxisMm: 18, seriesInstanceUid: 'm1-art', phase: 'arterial' });
  });

  it('withDrawnPlace returns the same object when nothing is known about the line', () => {
    const values = { viableLongAxisMm: 3 };
    expect(withDrawnPlace(values, undefined, { axis: 'viable' })).toBe(values);
  });
});

describe('viable values off the arterial phase: the warning rule, confirmation, sign-off list', () => {
  it.each([
    ['arterial', false],
    ['portalVenous', true],
    ['nonContrast', true],
    ['delayed', true],
    ['hepatobiliary', true],
    ['unknown', true],
  ] as const)('a viable value on %s is listed: %s', (phase, listed) => {
    const r = attachMeasurement(base, undefined, { timepointId: 'BL', longAxisMm: 30, seriesInstanceUid: 's', phase }, []).read;
    expect(offArterialViableValues(r)).toEqual(listed ? [{ lesionId: 'T1', timepointId: 'BL', phase, viableLongAxisMm: 30, seriesInstanceUid: 's' }] : []);
  });

  it('only viable values count: a whole-lesion value on the portal venous phase is not listed; nor a value of unknown place', () => {
    let r = attachMeasurement(base, undefined, { timepointId: 'BL', axis: 'whole', longAxisMm: 50, seriesInstanceUid: 's', phase: 'portalVenous' }, []).read;
    r = attachMeasurement(r, undefined, { timepointId: 'BL', longAxisMm: 30 }, []).read;
    expect(offArterialViableValues(r)).toEqual([]);
  });

  it('lists every timepoint in order with the reader’s reason once confirmed; the trail then says it was kept', () => {
    let r = attachMeasurement(base, undefined, { timepointId: 'BL', longAxisMm: 40, seriesInstanceUid: 'a', phase: 'unknown' }, []).read;
    r = attachMeasurement(r, 'T1', { timepointId: 'M1', longAxisMm: 20, seriesInstanceUid: 'b', phase: 'portalVenous' }, []).read;
    r = confirmViablePhase(r, 'T1', 'M1', 'no arterial series acquired');
    expect(offArterialViableValues(r).map((v) => [v.timepointId, v.phase, v.confirmedReason])).toEqual([
      ['BL', 'unknown', undefined],
      ['M1', 'portalVenous', 'no arterial series acquired'],
    ]);
    const trail = assess({ ...r, lesions: r.lesions.map((l) => ({ ...l, arteriallyEnhancing: true })) }, 'mrecist').timepoints[0].trace;
    expect(trail).toContain('T1 at M1: viable diameter measured on the portal venous phase, kept by the reader: no arterial series acquired');
  });

  it('an empty reason withdraws the confirmation', () => {
    const r = confirmViablePhase(confirmViablePhase(withTarget(), 'T1', 'M1', 'motion'), 'T1', 'M1', '   ');
    expect(m(r).M1).not.toHaveProperty('phaseConfirmedReason');
  });

  it('refuses, in words for the reader, where there is nothing to confirm', () => {
    const r = withTarget();
    expect(() => confirmViablePhase(r, 'T1', 'BL', 'x')).toThrow('T1 at BL was measured on the arterial phase: nothing to confirm.');
    expect(() => confirmViablePhase(r, 'T9', 'M1', 'x')).toThrow('T9 is not a target lesion of this read: no viable value to confirm.');
    expect(() => confirmViablePhase(base, 'T1', 'M1', 'x')).toThrow('T1 is not a target lesion of this read: no viable value to confirm.');
    const whole = attachMeasurement(base, undefined, { timepointId: 'M1', axis: 'whole', longAxisMm: 5, seriesInstanceUid: 's', phase: 'delayed' }, []).read;
    expect(() => confirmViablePhase({ ...whole, lesions: whole.lesions.map((l) => ({ ...l, role: 'target', measurements: { M1: { longAxisMm: 5, phase: 'delayed' } } }) as TargetLesion) }, 'N1', 'M1', 'x')).toThrow(
      'N1 has no viable value at M1 to confirm.',
    );
    expect(() => confirmViablePhase(r, 'T1', 'M1', 'x'.repeat(201))).toThrow('The reason is too long (201 characters; at most 200).');
  });
});
