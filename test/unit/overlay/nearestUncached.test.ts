/**
 * The order in which the overlay computes a stack's isodose ahead of scrolling: nearest plane first, ahead of the
 * scroll direction before behind it, each plane once, none when all are cached.
 */
import { nearestUncached } from '../../../extensions/mrecist/src/ohif/overlay/ViewportOverlayLayer';

function order(count: number, from: number, direction: number, initiallyCached: number[] = []): number[] {
  const cached = new Set(initiallyCached);
  const seen: number[] = [];
  for (let next = nearestUncached(count, from, direction, (i) => cached.has(i)); next >= 0; next = nearestUncached(count, from, direction, (i) => cached.has(i))) {
    seen.push(next);
    cached.add(next);
  }
  return seen;
}

test('scrolling up the stack: the shown plane, then alternately ahead and behind, ahead first', () => {
  expect(order(7, 3, 1)).toEqual([3, 4, 2, 5, 1, 6, 0]);
});

test('scrolling down the stack: below before above', () => {
  expect(order(7, 3, -1)).toEqual([3, 2, 4, 1, 5, 0, 6]);
});

test('at the end of the stack only the planes behind remain, and cached planes are skipped', () => {
  expect(order(5, 4, 1, [3])).toEqual([4, 2, 1, 0]);
});

test('nothing to compute when every plane is cached or the stack is empty', () => {
  expect(nearestUncached(3, 1, 1, () => true)).toBe(-1);
  expect(nearestUncached(0, 0, 1, () => false)).toBe(-1);
});
