import { crc32, inflateSync } from 'node:zlib';
import { encodeGreyPng, windowToGrey } from '../../../scripts/demo/previewPng';

describe('preview PNG', () => {
  it('writes a valid greyscale PNG: signature, IHDR, IDAT with filter-0 rows, IEND, correct CRCs', () => {
    const pixels = Uint8Array.from([0, 64, 128, 255, 1, 2]);
    const png = encodeGreyPng(3, 2, pixels);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString('ascii', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([3, 2, 8, 0]);
    expect([...inflateSync(chunks[1].data)]).toEqual([0, 0, 64, 128, 0, 255, 1, 2]);
  });

  it('maps a CT window linearly: centre − width/2 to black, centre + width/2 to white', () => {
    expect([...windowToGrey([-30, 60, 150, -1000, 3071], 60, 180)]).toEqual([0, 128, 255, 0, 255]);
  });
});
