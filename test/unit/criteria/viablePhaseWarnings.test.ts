import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';

const file = (m1: Record<string, unknown>, bl: Record<string, unknown> = {}) =>
  parseCaseFile(
    {
      patientId: 'P1',
      criteria: 'mrecist',
      timepoints: [
        { id: 'BL', date: '2020-01-01', baseline: true },
        { id: 'M1', date: '2020-02-01' },
      ],
      lesions: [
        {
          id: 'T1',
          role: 'target',
          arteriallyEnhancing: true,
          measurements: { BL: { viableLongAxisMm: 40, longAxisMm: 40, viablePerpendicularMm: 30, ...bl }, M1: { viableLongAxisMm: 20, longAxisMm: 38, viablePerpendicularMm: 15, ...m1 } },
        },
      ],
    },
    'c.json',
  );

const trail = (criteria: 'mrecist' | 'easl' | 'recist1.1', m1: Record<string, unknown>) => assess(file(m1), criteria).timepoints[0].trace;

describe('viable diameter on a non-arterial phase', () => {
  it.each([
    ['portalVenous', 'the portal venous phase'],
    ['nonContrast', 'the non-contrast phase'],
    ['delayed', 'the delayed phase'],
    ['hepatobiliary', 'the hepatobiliary phase'],
    ['unknown', 'a series of unknown phase'],
  ])('%s: warned in the mRECIST and EASL trail', (phase, where) => {
    const line = `warning: T1 at M1: viable diameter measured on ${where}, not the arterial phase; measure it on the arterial phase or confirm it with a reason`;
    expect(trail('mrecist', { phase })).toContain(line);
    expect(trail('easl', { phase })).toContain(line);
    expect(trail('recist1.1', { phase }).join('\n')).not.toContain('viable diameter measured');
  });

  it('arterial or unrecorded phase: no warning', () => {
    expect(trail('mrecist', { phase: 'arterial', seriesInstanceUid: '1.2' }).join('\n')).not.toContain('viable diameter measured');
    expect(trail('mrecist', {}).join('\n')).not.toContain('viable diameter measured');
  });

  it('a recorded reason keeps the value and says why, without the warning', () => {
    const t = trail('mrecist', { phase: 'portalVenous', phaseConfirmedReason: 'arterial series degraded by motion' });
    expect(t).toContain('T1 at M1: viable diameter measured on the portal venous phase, kept by the reader: arterial series degraded by motion');
    expect(t.join('\n')).not.toContain('warning:');
  });

  it('the response itself is unchanged: a warning, never a silent change', () => {
    expect(assess(file({ phase: 'portalVenous' })).timepoints[0].target).toBe(assess(file({})).timepoints[0].target);
  });

  it('baseline values on a wrong phase are listed with the baseline warnings', () => {
    const a = assess(parseCaseFile({ ...JSON.parse(JSON.stringify(file({}, { phase: 'delayed' }))) }, 'c.json'));
    expect(a.warnings).toContain(
      'warning: T1 at BL: viable diameter measured on the delayed phase, not the arterial phase; measure it on the arterial phase or confirm it with a reason',
    );
  });
});
