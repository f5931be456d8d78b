/**
 * Marching squares on a sampled plane, producing closed rings in pixel coordinates (x = column, y = row,
 * sample centres at integers). Written for isodose lines; compared against d3-contour in scripts/bench/isodose.ts.
 *
 * Choices, each made once so the result never depends on traversal order:
 * - "Above" means value ≥ level (inclusive, like V100). NaN (outside the dose grid) counts as below.
 * - The image is padded with a border of "below" samples, so every contour closes; a vertex between a real sample
 *   and the padding sits on the real sample (the ring runs along the image edge there).
 * - Saddle cells (two diagonal corners above, two below) are resolved by the cell-centre mean of the four corners:
 *   centre ≥ level joins the above corners, otherwise they stay separate.
 * - Segments are oriented with the above region on a fixed side, so each edge crossing is the start of exactly one
 *   segment and the end of exactly one; rings are stitched through a per-edge "next" table in linear time.
 * Speed: a min/max per 16×16 tile lets each level skip tiles it cannot cross.
 */

/** Corner bits: top-left 8, top-right 4, bottom-right 2, bottom-left 1. Edge sides: 0 top, 1 right, 2 bottom, 3 left. */
const CORNER_XY = { 8: [0, 0], 4: [1, 0], 2: [1, 1], 1: [0, 1] } as const;
const EDGE_MID: readonly [number, number][] = [[0.5, 0], [1, 0.5], [0.5, 1], [0, 0.5]];
const EDGE_CORNERS: readonly [number, number][] = [[8, 4], [4, 2], [1, 2], [8, 1]];

/** Unoriented segments per case; saddles 5 and 10 have one entry per centre decision. */
const SEGMENTS: Record<number, [number, number][]> = {
  1: [[3, 2]], 2: [[2, 1]], 3: [[3, 1]], 4: [[0, 1]], 6: [[0, 2]], 7: [[3, 0]], 8: [[3, 0]], 9: [[0, 2]],
  11: [[0, 1]], 12: [[3, 1]], 13: [[2, 1]], 14: [[3, 2]],
};
// Case 5: top-right and bottom-left above. Centre above: cut off the below corners (tl: left–top, br: bottom–right).
const SADDLE_5 = { above: [[3, 0], [2, 1]] as [number, number][], below: [[0, 1], [3, 2]] as [number, number][] };
// Case 10: top-left and bottom-right above. Centre above: cut off tr (top–right) and bl (left–bottom).
const SADDLE_10 = { above: [[0, 1], [3, 2]] as [number, number][], below: [[3, 0], [2, 1]] as [number, number][] };

/** Orients segment a→b so the above endpoint of edge a lies to the left (positive cross product, y down). */
function orient(caseIndex: number, [a, b]: [number, number]): [number, number] {
  const [c0, c1] = EDGE_CORNERS[a];
  const above = caseIndex & c0 ? c0 : c1;
  const [ex, ey] = CORNER_XY[above as 8 | 4 | 2 | 1];
  const [ax, ay] = EDGE_MID[a], [bx, by] = EDGE_MID[b];
  const side = (bx - ax) * (ey - ay) - (by - ay) * (ex - ax);
  return side > 0 ? [a, b] : [b, a];
}

/** ORIENTED[centreAbove ? 1 : 0][case] = flat list of (from, to) edge sides. */
const ORIENTED: number[][][] = [0, 1].map((centreAbove) =>
  Array.from({ length: 16 }, (_, c) => {
    const segs = c === 5 ? SADDLE_5[centreAbove ? 'above' : 'below'] : c === 10 ? SADDLE_10[centreAbove ? 'above' : 'below'] : SEGMENTS[c] ?? [];
    return segs.flatMap((s) => orient(c, s));
  }),
);

const TILE = 16;

/** Reusable working memory for one image size (padded values, tile ranges, edge links). */
export class MarchingSquaresWorkspace {
  readonly w2: number;
  readonly h2: number;
  readonly padded: Float32Array;
  readonly tileMin: Float32Array;
  readonly tileMax: Float32Array;
  readonly tilesX: number;
  readonly tilesY: number;
  readonly next: Int32Array;
  readonly starts: Int32Array;
  readonly seen: Int32Array;
  readonly nh: number;
  /** Marks edges visited in the current ring search; bumped per call so `seen` never needs clearing. */
  stamp = 0;

  constructor(readonly columns: number, readonly rows: number) {
    this.w2 = columns + 2;
    this.h2 = rows + 2;
    this.padded = new Float32Array(this.w2 * this.h2).fill(-Infinity);
    this.tilesX = Math.ceil((this.w2 - 1) / TILE);
    this.tilesY = Math.ceil((this.h2 - 1) / TILE);
    this.tileMin = new Float32Array(this.tilesX * this.tilesY);
    this.tileMax = new Float32Array(this.tilesX * this.tilesY);
    this.nh = (this.w2 - 1) * this.h2;
    const edges = this.nh + this.w2 * (this.h2 - 1);
    this.next = new Int32Array(edges).fill(-1);
    this.starts = new Int32Array(edges);
    this.seen = new Int32Array(edges);
  }

  /** Copies values in (NaN → −∞) and computes per-tile ranges over cell corners. */
  load(values: Float32Array): void {
    const { columns, rows, w2, padded } = this;
    if (values.length !== columns * rows) throw new Error('plane size does not match the workspace');
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++) {
        const v = values[j * columns + i];
        padded[(j + 1) * w2 + i + 1] = v === v ? v : -Infinity;
      }
    }
    for (let ty = 0; ty < this.tilesY; ty++) {
      for (let tx = 0; tx < this.tilesX; tx++) {
        let lo = Infinity, hi = -Infinity;
        const y1 = Math.min(this.h2 - 1, (ty + 1) * TILE), x1 = Math.min(this.w2 - 1, (tx + 1) * TILE);
        for (let y = ty * TILE; y <= y1; y++) {
          for (let x = tx * TILE; x <= x1; x++) {
            const v = padded[y * w2 + x];
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
        }
        this.tileMin[ty * this.tilesX + tx] = lo;
        this.tileMax[ty * this.tilesX + tx] = hi;
      }
    }
  }
}

/**
 * Rings at one level, each a flat [x0, y0, x1, y1, …] in unpadded pixel coordinates (not repeating the first
 * vertex, no two consecutive vertices equal, at least 3 vertices). Call `workspace.load(values)` first; several levels may then share the loaded workspace.
 */
export function contourRings(ws: MarchingSquaresWorkspace, level: number): Float64Array[] {
  const { w2, h2, padded: p, next, starts, nh } = ws;
  let startCount = 0;
  const edgeIds = new Int32Array(4);
  for (let ty = 0; ty < ws.tilesY; ty++) {
    for (let tx = 0; tx < ws.tilesX; tx++) {
      const t = ty * ws.tilesX + tx;
      if (ws.tileMin[t] >= level || ws.tileMax[t] < level) continue;
      const yEnd = Math.min(h2 - 1, (ty + 1) * TILE), xEnd = Math.min(w2 - 1, (tx + 1) * TILE);
      for (let cj = ty * TILE; cj < yEnd; cj++) {
        const row = cj * w2;
        for (let ci = tx * TILE; ci < xEnd; ci++) {
          const tl = p[row + ci], tr = p[row + ci + 1], br = p[row + w2 + ci + 1], bl = p[row + w2 + ci];
          const c = (tl >= level ? 8 : 0) | (tr >= level ? 4 : 0) | (br >= level ? 2 : 0) | (bl >= level ? 1 : 0);
          if (c === 0 || c === 15) continue;
          const centreAbove = c === 5 || c === 10 ? ((tl + tr + br + bl) / 4 >= level ? 1 : 0) : 0;
          const segs = ORIENTED[centreAbove][c];
          edgeIds[0] = cj * (w2 - 1) + ci; // top
          edgeIds[1] = nh + cj * w2 + ci + 1; // right
          edgeIds[2] = (cj + 1) * (w2 - 1) + ci; // bottom
          edgeIds[3] = nh + cj * w2 + ci; // left
          for (let s = 0; s < segs.length; s += 2) {
            const from = edgeIds[segs[s]];
            next[from] = edgeIds[segs[s + 1]];
            starts[startCount++] = from;
          }
        }
      }
    }
  }

  const rings: Float64Array[] = [];
  const seen = ws.seen;
  const stamp = ++ws.stamp;
  const ring: number[] = [];
  for (let s = 0; s < startCount; s++) {
    const start = starts[s];
    if (seen[start] === stamp) continue;
    ring.length = 0;
    let e = start;
    while (seen[e] !== stamp) {
      seen[e] = stamp;
      pushVertex(ws, e, level, ring);
      e = next[e];
      if (e < 0) throw new Error('marching squares produced an open ring');
    }
    const n = ring.length;
    if (n >= 4 && ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) ring.length = n - 2;
    if (ring.length >= 6) rings.push(Float64Array.from(ring));
  }
  for (let s = 0; s < startCount; s++) next[starts[s]] = -1;
  return rings;
}

function pushVertex(ws: MarchingSquaresWorkspace, edge: number, level: number, out: number[]): void {
  const { w2, padded: p, nh } = ws;
  let i: number, j: number, di: number, dj: number;
  if (edge < nh) {
    j = Math.floor(edge / (w2 - 1));
    i = edge - j * (w2 - 1);
    di = 1;
    dj = 0;
  } else {
    const e = edge - nh;
    j = Math.floor(e / w2);
    i = e - j * w2;
    di = 0;
    dj = 1;
  }
  const v0 = p[j * w2 + i], v1 = p[(j + dj) * w2 + i + di];
  let t: number;
  if (v0 === -Infinity) t = 1;
  else if (v1 === -Infinity) t = 0;
  else t = Math.min(1, Math.max(0, (level - v0) / (v1 - v0)));
  const x = i - 1 + t * di, y = j - 1 + t * dj;
  // A sample exactly at the level ends two edges at the same point: keep one vertex.
  const n = out.length;
  if (n >= 2 && out[n - 2] === x && out[n - 1] === y) return;
  out.push(x, y);
}
