/** A synthetic axial CT for the vessel attenuation tests; the attenuations are the caller's. */
import type { CtVolume } from '../../../extensions/mrecist/src/core/seeds/CtVolume';

/** Minimal axial abdomen: body, vertebral body with cortex, aorta anterior-left of it, portal vein, liver. */
export function phantom(hu: { aorta: number; portal: number; liver: number }, options: { pixelMm?: number; slices?: number } = {}): CtVolume {
  const px = options.pixelMm ?? 2;
  const n = Math.round(340 / px);
  const slices = options.slices ?? 12;
  const voxels = new Int16Array(n * n * slices);
  const origin = -170;
  const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  for (let k = 0; k < slices; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const x = origin + i * px, y = origin + j * px;
        let v = -1000;
        if ((x / 150) ** 2 + (y / 115) ** 2 <= 1) v = -100;
        if ((x / 140) ** 2 + (y / 105) ** 2 <= 1 && (x / 130) ** 2 + (y / 95) ** 2 > 1) v = 50; // muscle wall
        if ((x + 75) ** 2 / 60 ** 2 + (y + 10) ** 2 / 70 ** 2 <= 1) v = hu.liver;
        if (inCircle(x, y, 0, 52, 20)) v = inCircle(x, y, 0, 52, 16) ? 250 : 700;
        if (inCircle(x, y, 15, 20, 11)) v = hu.aorta;
        if (inCircle(x, y, -28, 8, 14)) v = Math.round(0.6 * hu.portal + 0.4 * 40); // IVC
        if (inCircle(x, y, -40, -18, 7)) v = hu.portal;
        voxels[(k * n + j) * n + i] = v;
      }
  return {
    columns: n,
    rows: n,
    slices,
    voxelsHu: voxels,
    originMm: [origin, origin, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    rowSpacingMm: px,
    columnSpacingMm: px,
    sliceOffsetsMm: Array.from({ length: slices }, (_, k) => k * 2.5),
  };
}
