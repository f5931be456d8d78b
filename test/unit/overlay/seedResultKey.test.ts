/**
 * The key of a cached seed-finding result: equal for the same plan and images in any order, different whenever
 * anything a result depends on differs (so a cached result cannot be read back for other inputs).
 */
import { webcrypto } from 'node:crypto';
import { seedResultKey, seedResultKeyText, type SeedResultSource } from '../../../extensions/mrecist/src/core/overlay/seedResultKey';
import { seedResultSourceOf } from '../../../extensions/mrecist/src/ohif/overlay/seedResultSource';
import type { HostDisplaySet } from '../../../extensions/mrecist/src/ohif/hostServices';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

const source: SeedResultSource = {
  planSopInstanceUid: '1.2.3.1',
  seriesInstanceUid: '1.2.3.2',
  sopInstanceUids: ['1.2.3.2.1', '1.2.3.2.2', '1.2.3.2.3'],
  imagePositionsMm: [
    [0, 0, 0],
    [0, 0, 2],
    [0, 0, 4],
  ],
};

test('the same plan and images in another order give the same key', async () => {
  const shuffled = { ...source, sopInstanceUids: [...source.sopInstanceUids].reverse(), imagePositionsMm: [...source.imagePositionsMm].reverse() };
  expect(await seedResultKey(shuffled, subtle)).toBe(await seedResultKey(source, subtle));
});

test.each<[string, Partial<SeedResultSource>]>([
  ['another plan', { planSopInstanceUid: '1.2.3.9' }],
  ['another series', { seriesInstanceUid: '1.2.3.8' }],
  ['a replaced image', { sopInstanceUids: ['1.2.3.2.1', '1.2.3.2.2', '1.2.3.2.4'] }],
  ['a missing image', { sopInstanceUids: ['1.2.3.2.1', '1.2.3.2.2'], imagePositionsMm: source.imagePositionsMm.slice(0, 2) }],
  ['a moved image', { imagePositionsMm: [[0, 0, 0], [0, 0, 2], [0, 0, 5]] }],
])('%s gives another key', async (_, change) => {
  expect(await seedResultKey({ ...source, ...change }, subtle)).not.toBe(await seedResultKey(source, subtle));
});

test('the key starts with the series UID', async () => {
  expect(await seedResultKey(source, subtle)).toMatch(/^1\.2\.3\.2:[0-9a-f]{64}$/);
});

test('an image without SOP Instance UID is refused with the series named', () => {
  expect(() => seedResultKeyText({ ...source, sopInstanceUids: ['1.2.3.2.1', ''] })).toThrow(/series 1\.2\.3\.2 .*SOP Instance UID/);
});

test('a display set gives its images, or nothing when an image lacks its position', () => {
  const instance = (uid: string, z?: number) => ({ SOPInstanceUID: uid, ImagePositionPatient: z === undefined ? undefined : [0, 0, z] });
  const ds = (instances: object[]) => ({ displaySetInstanceUID: 'd', StudyInstanceUID: 's', SeriesInstanceUID: '1.2.3.2', instances }) as unknown as HostDisplaySet;
  expect(seedResultSourceOf('1.2.3.1', ds([instance('1.2.3.2.1', 0), instance('1.2.3.2.2', 2)]))).toEqual({
    planSopInstanceUid: '1.2.3.1',
    seriesInstanceUid: '1.2.3.2',
    sopInstanceUids: ['1.2.3.2.1', '1.2.3.2.2'],
    imagePositionsMm: [
      [0, 0, 0],
      [0, 0, 2],
    ],
  });
  expect(seedResultSourceOf('1.2.3.1', ds([instance('1.2.3.2.1', 0), instance('1.2.3.2.2')]))).toBeUndefined();
});
