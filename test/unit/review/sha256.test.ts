import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../../extensions/mrecist/src/core/review/sha256';

describe('SHA-256 of the audit chain', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    // FIPS 180-4 example of a two-block message (56 bytes: the padding spills into a second block).
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('the standard example %j', (text, digest) => expect(sha256Hex(text)).toBe(digest));

  it('equals node:crypto on any text, including non-ASCII and lengths around the block edge', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
