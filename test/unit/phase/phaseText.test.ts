import { KEYWORD_WEIGHT, PHASE_KEYWORDS } from '../../../extensions/mrecist/src/core/phase/phaseKeywords';
import { delayInText, keywordsIn, phaseVotesFromText } from '../../../extensions/mrecist/src/core/phase/phaseFromText';
import { classifySeriesPhase, MIN_CONFIDENCE } from '../../../extensions/mrecist/src/core/phase/classifySeriesPhase';

describe('phase keywords', () => {
  // Every entry of the table, embedded in a realistic description, is found and votes for its phase.
  it.each(PHASE_KEYWORDS.map((k) => [k.language, k.term, k.phase, k.subphase ?? '', k.strength] as const))(
    '%s "%s" → %s %s (%s)',
    (_lang, term, phase, subphase, strength) => {
      const description = `Abd 2.0 B30f ${term.toUpperCase()} 5mm`;
      const votes = phaseVotesFromText([{ name: 'SeriesDescription', value: description }], { gadoxetate: false });
      const vote = votes.find((v) => v.phase === phase && v.source === 'text' && v.line.includes(`"${term}"`));
      expect(vote).toBeDefined();
      if (subphase) expect(votes.find((v) => v.phase === phase)?.subphase).toBe(subphase);
      expect(vote?.weight).toBeCloseTo(KEYWORD_WEIGHT[strength]);
    },
  );

  it.each([
    ['ART', 'arterial', undefined],
    ['Late Art 35s', 'arterial', 'late'],
    ['AP', 'unknown', undefined],
    ['PV', 'portalVenous', undefined],
    ['Venous 70s', 'portalVenous', undefined],
    ['Portal', 'portalVenous', undefined],
    ['Delay 3 min', 'delayed', undefined],
    ['Nativ', 'nonContrast', undefined],
    ['Pre', 'unknown', undefined],
    ['Abd 2.0 B30f', 'unknown', undefined],
    ['Leber spätarteriell 1.5', 'arterial', 'late'],
    ['Phase portalvenös', 'portalVenous', undefined],
    ['Temps portal', 'portalVenous', undefined],
    ['Sans injection', 'nonContrast', undefined],
    ['Fase de equilibrio', 'delayed', undefined],
    ['Fase arteriosa', 'arterial', undefined],
    ['肝脏 动脉期 1.25mm', 'arterial', undefined],
    ['門靜脈期', 'portalVenous', undefined],
    ['肝 動脈優位相', 'arterial', undefined],
    ['肝細胞相', 'hepatobiliary', undefined],
    ['HBP 20 min', 'hepatobiliary', undefined],
    ['LATE', 'unknown', undefined],
    ['TRANS 5mm', 'unknown', undefined],
  ])('description "%s" alone → %s', (description, phase, subphase) => {
    const r = classifySeriesPhase({ seriesDescription: description, modality: 'CT' });
    expect(r.phase).toBe(phase);
    if (subphase) expect(r.subphase).toBe(subphase);
    if (phase === 'unknown') expect(r.confidence).toBeLessThan(MIN_CONFIDENCE);
    else expect(r.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
  });

  it('matches whole words only: "apex", "portable", "pretty" and "article" name no phase', () => {
    for (const text of ['apex', 'portable', 'pretty', 'article', 'arterials2']) expect(keywordsIn(text)).toEqual([]);
  });

  it.each([
    ['Late Art 35s', 35],
    ['Venous 70 sec', 70],
    ['Delay 3 min', 180],
    ['HBP 20MIN', 1200],
    ['Abd 2.0 B30f', undefined],
    ['5mm', undefined],
  ])('time in "%s" → %s s', (text, seconds) => expect(delayInText(text)).toBe(seconds));
});
