import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assessLiradsTr,
  classifyTreatmentResponse,
  defaultTrack,
  LR_TR_RULES,
  type LiradsTrFeatures,
} from '../../../extensions/mrecist/src/core/criteria/liradsTreatmentResponse';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { liradsTrCsv } from '../../../extensions/mrecist/src/core/criteria/liradsTrCsv';
import type { LesionTreatment } from '../../../extensions/mrecist/src/core/criteria/types';

const VIABLE_TISSUE: LiradsTrFeatures = { massLike: true, arterialPhaseHyperenhancement: true };

describe('LI-RADS TR rules', () => {
  it.each<[string, LiradsTrFeatures, LesionTreatment | undefined, string, string]>([
    // rule nonevaluable, both tracks
    ['nonevaluable', { evaluable: false, ...VIABLE_TISSUE }, 'tace', 'LR-TR Nonevaluable', 'nonevaluable'],
    ['nonevaluable (radiation)', { evaluable: false }, 'seeds', 'LR-TR Nonevaluable', 'nonevaluable'],
    // viable-mass-like: each enhancement feature on its own
    ['mass-like + APHE', { massLike: true, arterialPhaseHyperenhancement: true }, 'tace', 'LR-TR Viable', 'viable-mass-like'],
    ['mass-like + washout', { massLike: true, washout: true }, 'ablation', 'LR-TR Viable', 'viable-mass-like'],
    ['mass-like + like pretreatment', { massLike: true, enhancementLikePretreatment: true }, 'tace', 'LR-TR Viable', 'viable-mass-like'],
    ['mass-like + any phase (v2024)', { massLike: true, enhancementAnyPhase: true }, undefined, 'LR-TR Viable', 'viable-mass-like'],
    // radiation track
    ['new or growing', { ...VIABLE_TISSUE, newOrGrowing: true }, 'seeds', 'LR-TR Viable', 'viable-new-or-growing'],
    ['stable with prior study', { ...VIABLE_TISSUE, newOrGrowing: false, priorPostTreatmentStudy: true }, 'sbrt', 'LR-TR Nonprogressing', 'nonprogressing'],
    ['stable without prior study', { ...VIABLE_TISSUE, newOrGrowing: false, priorPostTreatmentStudy: false }, 'tare', 'LR-TR Equivocal', 'radiation-no-comparison'],
    ['growth not recorded', { ...VIABLE_TISSUE }, 'seeds', 'LR-TR Equivocal', 'radiation-no-comparison'],
    // equivocal
    ['atypical enhancement', { atypicalEnhancement: true }, 'tace', 'LR-TR Equivocal', 'equivocal-atypical'],
    ['APHE not mass-like', { arterialPhaseHyperenhancement: true, massLike: false }, 'tace', 'LR-TR Equivocal', 'equivocal-atypical'],
    ['atypical after radiation', { atypicalEnhancement: true }, 'seeds', 'LR-TR Equivocal', 'equivocal-atypical'],
    // nonviable
    ['no enhancement', {}, 'tace', 'LR-TR Nonviable', 'nonviable'],
    ['mass-like without enhancement', { massLike: true, arterialPhaseHyperenhancement: false, washout: false }, 'tace', 'LR-TR Nonviable', 'nonviable'],
    ['no enhancement after seeds', {}, 'seeds', 'LR-TR Nonviable', 'nonviable'],
    // the reader switches the track
    ['seeds switched to non-radiation', { ...VIABLE_TISSUE, track: 'nonRadiation' }, 'seeds', 'LR-TR Viable', 'viable-mass-like'],
    ['TACE switched to radiation', { ...VIABLE_TISSUE, track: 'radiation', newOrGrowing: false, priorPostTreatmentStudy: true }, 'tace', 'LR-TR Nonprogressing', 'nonprogressing'],
  ])('%s → %s', (_name, features, treatment, category, rule) => {
    const r = classifyTreatmentResponse(features, treatment);
    expect(r.category).toBe(category);
    expect(r.rule).toBe(rule);
    expect(r.trace[1]).toBe(`${category}: ${LR_TR_RULES.find((x) => x.id === rule)?.because}`);
  });

  it('every rule is reached by a case above', () => {
    expect(LR_TR_RULES.map((r) => r.id)).toEqual([
      'nonevaluable', 'viable-mass-like', 'viable-new-or-growing', 'nonprogressing', 'radiation-no-comparison', 'equivocal-atypical', 'nonviable',
    ]);
  });

  it.each<[LesionTreatment | undefined, string]>([
    ['seeds', 'radiation'], ['tare', 'radiation'], ['sbrt', 'radiation'], ['tace', 'nonRadiation'], ['ablation', 'nonRadiation'], ['other', 'nonRadiation'], [undefined, 'nonRadiation'],
  ])('default track of %s is %s', (treatment, track) => expect(defaultTrack(treatment)).toBe(track));

  it('records thickness, MRI ancillary features and the note in the trail', () => {
    const r = classifyTreatmentResponse({ atypicalEnhancement: true, nodularThicknessMm: 4, diffusionRestriction: true, note: 'motion' }, 'tace');
    expect(r.trace).toEqual([
      'non-radiation track (tace)',
      'LR-TR Equivocal: enhancement atypical for the treatment-specific pattern, not meeting Viable',
      'nodular enhancement 4 mm thick',
      'MRI diffusion restriction: may justify Viable (v2024, reader\'s call)',
      'note: motion',
    ]);
  });
});

const caseFile = (liradsTr: unknown, extra: Record<string, unknown> = {}) => ({
  patientId: 'P1',
  criteria: 'mrecist',
  timepoints: [
    { id: 'BL', date: '2020-01-01', baseline: true },
    { id: 'M1', date: '2020-02-01' },
    { id: 'M3', date: '2020-04-01' },
  ],
  lesions: [
    {
      id: 'T1', role: 'target', treatment: 'seeds', ...extra,
      measurements: { BL: { viableLongAxisMm: 30 }, M1: { viableLongAxisMm: 20 }, M3: { viableLongAxisMm: 18 } },
      liradsTr,
    },
  ],
});

describe('LI-RADS TR in the case file', () => {
  it('assesses each recorded timepoint in date order', () => {
    const parsed = parseCaseFile(caseFile({ M3: { ...VIABLE_TISSUE, newOrGrowing: false, priorPostTreatmentStudy: true }, M1: VIABLE_TISSUE }), 'c.json');
    const a = assessLiradsTr(parsed);
    expect(a).toMatchObject({ criteria: 'lirads-tr', version: '2024' });
    expect(a.lesions).toHaveLength(1);
    expect(a.lesions[0]).toMatchObject({ lesionId: 'T1', treatment: 'seeds', track: 'radiation' });
    expect(a.lesions[0].timepoints.map((t) => [t.id, t.category])).toEqual([
      ['M1', 'LR-TR Equivocal'],
      ['M3', 'LR-TR Nonprogressing'],
    ]);
  });

  it('measurements may carry their series and phase', () => {
    const file = caseFile(undefined);
    (file.lesions[0].measurements as Record<string, unknown>).M1 = { viableLongAxisMm: 20, seriesInstanceUid: '1.2.3', phase: 'portalVenous', phaseConfirmedReason: 'arterial series degraded by motion' };
    expect(() => parseCaseFile(file, 'c.json')).not.toThrow();
  });

  it.each([
    [{ M9: {} }, 'c.json: lesions[0].liradsTr.M9: unknown timepoint id "M9"'],
    [{ BL: {} }, 'c.json: lesions[0].liradsTr.BL: the baseline is before treatment: LI-RADS TR assesses post-treatment timepoints'],
    [{ M1: { masslike: true } }, 'c.json: lesions[0].liradsTr.M1.masslike: unknown field'],
    [{ M1: { massLike: 'yes' } }, 'c.json: lesions[0].liradsTr.M1.massLike: must be of type boolean, got "yes"'],
    [{ M1: { track: 'seeds' } }, 'c.json: lesions[0].liradsTr.M1.track: must be one of nonRadiation, radiation, got "seeds"'],
    [{ M1: { nodularThicknessMm: -1 } }, 'c.json: lesions[0].liradsTr.M1.nodularThicknessMm: must be >= 0, got -1'],
  ])('rejects %j with one line', (liradsTr, message) => {
    expect(() => parseCaseFile(caseFile(liradsTr), 'c.json')).toThrow(message);
  });

  it('rejects a measurement phase outside the six', () => {
    const file = caseFile(undefined);
    (file.lesions[0].measurements as Record<string, unknown>).M1 = { viableLongAxisMm: 20, phase: 'venous' };
    expect(() => parseCaseFile(file, 'c.json')).toThrow(
      'c.json: lesions[0].measurements.M1.phase: must be one of nonContrast, arterial, portalVenous, delayed, hepatobiliary, unknown, got "venous"',
    );
  });

  it('mrecist assess --criteria lirads-tr prints the categories with the trail, and JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrtr-'));
    const path = join(dir, 'case.json');
    writeFileSync(path, JSON.stringify(caseFile({ M1: VIABLE_TISSUE, M3: { ...VIABLE_TISSUE, newOrGrowing: true } })));
    const root = join(__dirname, '../../..');
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), 'assess', path, '--criteria', 'lirads-tr', ...args], { encoding: 'utf8' });
    const text = run();
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('T1 (seeds), radiation track');
    expect(text.stdout).toContain('M3 2020-04-01: LR-TR Viable');
    const json = JSON.parse(run('--json').stdout);
    expect(json.lesions[0].timepoints.map((t: { category: string }) => t.category)).toEqual(['LR-TR Equivocal', 'LR-TR Viable']);
    const csv = run('--csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n')[2]).toBe(
      'P1,T1,seeds,radiation,M3,2020-04-01,LR-TR Viable,viable-new-or-growing,radiation track (seeds) | LR-TR Viable: new or growing mass-like enhancement (radiation track)',
    );
    const wrong = spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), 'assess', path, '--csv'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('mrecist: --csv: value: only with --criteria lirads-tr (response CSV: mrecist export)\n');
  });

  it('CSV: one row per lesion and timepoint, header first', () => {
    const a = assessLiradsTr(parseCaseFile(caseFile({ M1: { evaluable: false, note: 'motion, "no arterial phase"' } }), 'c.json'));
    expect(liradsTrCsv('P1', a)).toBe(
      'patientId,lesionId,treatment,track,timepointId,date,category,rule,trail\r\n' +
        'P1,T1,seeds,radiation,M1,2020-02-01,LR-TR Nonevaluable,nonevaluable,"radiation track (seeds) | LR-TR Nonevaluable: cannot be assessed (image degradation or omission) | note: motion, ""no arterial phase"""\r\n',
    );
  });

});
