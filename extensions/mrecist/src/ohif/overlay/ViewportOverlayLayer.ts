/**
 * The seed and isodose overlay of ONE viewport: an absolutely positioned SVG over the Cornerstone canvas,
 * redrawn on every IMAGE_RENDERED (scroll, pan, zoom, window level all end in a render). Per frame the work is
 * small: one 2D matrix for the isodose group (polylines are kept in in-plane mm and cached per plane), and a
 * few worldToCanvas calls for the seeds in the displayed slab. Isodose for a new plane is computed in the
 * overlay worker; until it arrives the plane shows seeds only. Once a plane is shown, the other planes of the
 * stack are computed too, one request at a time, nearest first and ahead of the scroll direction first, so
 * scrolling reaches planes whose lines are ready.
 */
import { errorText } from '../../core/errorText';
import { invertAffine4 } from '../../core/geometry/matrix4';
import type { Vec3 } from '../../core/geometry/vec3';
import type { ImagePlane } from '../../core/overlay/overlayMessages';
import type { OverlayState, StudyPlacement } from './OverlayStore';
import { formatGy, ISODOSE_LEVEL_STYLES, SEED_COLORS } from './isodoseStyle';
import { overlaySign } from './overlaySign';
import { heightAbovePlane, inPlaneMm, mapPlane, mapPoint, planeToCanvasMatrix, type DisplayedPlane } from './planeGeometry';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_CACHED_PLANES = 400;

export interface OverlayViewport {
  readonly id: string;
  readonly element: HTMLDivElement;
  worldToCanvas(world: Vec3): ArrayLike<number>;
}

/** What the layer asks of the overlay service. */
export interface OverlayLayerHost {
  getState(): OverlayState;
  /** The study shown, its placement of the plan, and the dose scale for its date (basis). */
  viewportStudy(viewportId: string): { studyInstanceUid: string; placement?: StudyPlacement; doseScale: number; basisLabel: string } | null;
  displayedPlane(viewportId: string): DisplayedPlane | null;
  /** Every image plane of the viewport's stack, in stack order (empty when not a stack). */
  stackPlanes(viewportId: string): DisplayedPlane[];
  /** Isodose rings in the PLAN frame for the plane (given in the plan frame). */
  isodose(plane: ImagePlane, levelsGy: readonly number[]): Promise<Array<{ doseGy: number; rings: number[][] }>>;
}

interface CachedIsodose {
  /** Per level: SVG points strings in in-plane mm (u v pairs). */
  lines: Array<{ percent: number; doseGy: number; points: string[] }>;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * Sets an attribute only when its value changes. draw() runs on every rendered frame while scrolling; writing an
 * unchanged attribute still invalidates the element's style (and an SVG transform its paint) in the browser.
 */
function setAttr(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

export class ViewportOverlayLayer {
  readonly svg: SVGSVGElement;
  /** "Overlays hidden (O)" / "No implant plan for this patient": HTML beside the SVG, shown while the SVG is not. */
  readonly sign: HTMLDivElement;
  private readonly isodoseGroup: SVGGElement;
  private readonly seedGroup: SVGGElement;
  private readonly legendGroup: SVGGElement;
  private readonly label: SVGTextElement;
  private readonly cache = new Map<string, CachedIsodose | 'pending'>();
  private shownKey = '';
  private shownPlane: DisplayedPlane | null = null;
  private slabSeeds: Array<{ kind: 'planned' | 'found' | 'migrated' | 'migratedFound'; index: number; world: Vec3; node: SVGElement }> = [];
  private seedKey = '';
  private disposed = false;
  /** Stack prefetch: the settings it computes for (restarts when they change) and the scroll direction. */
  private prefetchKey = '';
  private prefetching = false;
  private prefetchRun = 0;
  /** Settings for which every plane of the stack is cached. */
  private prefetchComplete = '';
  private stack: DisplayedPlane[] = [];
  private lastIndex = -1;
  private direction = 1;
  /**
   * The viewport's size, kept by a ResizeObserver: reading clientWidth inside draw() would force a layout on
   * every scrolled slice (the host has just changed the DOM), which costs more than the rest of the frame's work.
   */
  private size = { width: 0, height: 0 };
  private readonly resizeObserver: ResizeObserver | null;

  constructor(private readonly viewport: OverlayViewport, private readonly host: OverlayLayerHost) {
    this.svg = el('svg', { 'data-mrecist-overlay': viewport.id, 'data-viewport-id': viewport.id });
    // Its own compositor layer (will-change): a new image repaints the canvas only, not our SVG over it, and a new
    // isodose repaints only the SVG's changed region.
    Object.assign(this.svg.style, {
      position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', pointerEvents: 'none', zIndex: '5', overflow: 'hidden',
      willChange: 'transform', contain: 'strict',
    });
    this.isodoseGroup = el('g', { 'data-layer': 'isodose' });
    this.seedGroup = el('g', { 'data-layer': 'seeds' });
    this.legendGroup = el('g', { 'data-layer': 'legend' });
    this.label = el('text', { 'data-layer': 'label', x: 8, y: 0, fill: '#e5e7eb', 'font-size': 11, 'font-family': 'sans-serif' });
    this.svg.append(this.isodoseGroup, this.seedGroup, this.legendGroup, this.label);
    const container = (viewport.element.querySelector('.viewport-element') as HTMLElement | null) ?? viewport.element;
    if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
    container.appendChild(this.svg);
    this.sign = document.createElement('div');
    this.sign.setAttribute('data-testid', 'mrecist-overlay-sign');
    this.sign.setAttribute('data-viewport-id', viewport.id);
    // Bottom-left corner, above the host's own corner texts (window level, zoom): never over the image centre.
    Object.assign(this.sign.style, {
      position: 'absolute', left: '8px', bottom: '64px', zIndex: '6', padding: '1px 6px', borderRadius: '3px', display: 'none',
      background: 'rgba(0, 0, 0, 0.6)', color: '#e5e7eb', font: '12px sans-serif', whiteSpace: 'nowrap', pointerEvents: 'none',
    });
    container.appendChild(this.sign);
    this.size = { width: viewport.element.clientWidth, height: viewport.element.clientHeight };
    this.resizeObserver =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            this.size = { width: this.viewport.element.clientWidth, height: this.viewport.element.clientHeight };
            this.draw();
          })
        : null;
    this.resizeObserver?.observe(viewport.element);
  }

  dispose(): void {
    this.disposed = true;
    this.resizeObserver?.disconnect();
    this.svg.remove();
    this.sign.remove();
  }

  /** Forget cached isodose (prescription, levels, basis or placement changed). */
  invalidate(): void {
    this.cache.clear();
    this.shownKey = '';
    this.seedKey = '';
    this.prefetchKey = '';
    this.prefetchComplete = '';
  }

  /** Called on every IMAGE_RENDERED and on overlay state changes. */
  draw(): void {
    if (this.disposed) return;
    const state = this.host.getState();
    const study = this.host.viewportStudy(this.viewport.id);
    const plan = state.plan;
    const placement = study?.placement;
    const usable = state.enabled && plan && study && placement && placement.planToStudyMatrix;
    const display = state.enabled ? '' : 'none';
    if (this.svg.style.display !== display) this.svg.style.display = display;
    setAttr(this.svg, 'data-study-instance-uid', study?.studyInstanceUid ?? '');
    setAttr(this.svg, 'data-placement', placement?.method ?? 'none');
    this.drawSign(state);
    if (!state.enabled) return;
    this.drawLabel(state, study, placement);
    if (!usable) {
      this.isodoseGroup.replaceChildren();
      this.seedGroup.replaceChildren();
      this.slabSeeds = [];
      this.seedKey = '';
      this.legendGroup.replaceChildren();
      return;
    }
    const plane = this.host.displayedPlane(this.viewport.id);
    if (!plane) return;
    const matrix = placement.planToStudyMatrix!;
    const levels = ISODOSE_LEVEL_STYLES.filter((l) => state.visiblePercents.includes(l.percent));
    const scale = study.doseScale;
    const levelsKey = `${state.prescriptionGy}|${levels.map((l) => l.percent).join(',')}|${scale}|${matrix.join(',')}`;
    const key = `${study.studyInstanceUid}|${plane.key}|${levelsKey}`;
    const settingsKey = `${study.studyInstanceUid}|${levelsKey}`;
    const planeChanged = key !== this.shownKey || this.shownPlane?.key !== plane.key;
    if (planeChanged) this.showIsodose(key, plane, matrix, levels, state.prescriptionGy, scale);
    // Also resumes a prefetch stopped by hiding the overlay.
    if (planeChanged || (!this.prefetching && this.prefetchComplete !== settingsKey))
      this.prefetchStack(settingsKey, plane, (p) => `${study.studyInstanceUid}|${p.key}|${levelsKey}`, matrix, levels, state.prescriptionGy, scale);
    this.drawLegend(state, levels, scale);
    const seedKey = `${study.studyInstanceUid}|${plane.key}|${placement.method}|${placement.seeds ? 'f' : ''}`;
    if (seedKey !== this.seedKey) this.selectSlabSeeds(seedKey, plane, matrix, plan.seedsMm, placement);
    // Per frame: one matrix for the isodose group, one position per seed in the slab.
    const toCanvas = (p: Vec3) => this.viewport.worldToCanvas(p);
    const transform = planeToCanvasMatrix(plane, toCanvas);
    setAttr(this.isodoseGroup, 'transform', transform);
    for (const seed of this.slabSeeds) {
      const canvas = toCanvas(seed.world);
      const x = canvas[0].toFixed(2), y = canvas[1].toFixed(2);
      setAttr(seed.node, 'transform', `translate(${x} ${y})`);
      setAttr(seed.node, 'data-x', x);
      setAttr(seed.node, 'data-y', y);
    }
  }

  private showIsodose(key: string, plane: DisplayedPlane, matrix: readonly number[], levels: typeof ISODOSE_LEVEL_STYLES, prescriptionGy: number, scale: number): void {
    this.shownKey = key;
    this.shownPlane = plane;
    const cached = this.cache.get(key);
    this.isodoseGroup.replaceChildren();
    this.isodoseGroup.setAttribute('data-plane-key', plane.key);
    if (cached === 'pending') {
      this.isodoseGroup.setAttribute('data-state', 'pending');
      return;
    }
    if (cached) {
      this.renderIsodose(cached);
      return;
    }
    if (!(scale > 0)) {
      // Before the implant (or a basis with nothing delivered yet) there are no isodose lines to draw.
      this.isodoseGroup.setAttribute('data-state', 'no dose delivered');
      return;
    }
    this.isodoseGroup.setAttribute('data-state', 'pending');
    this.computeIsodose(key, plane, matrix, levels, prescriptionGy, scale).catch(() => undefined);
  }

  /**
   * The isodose of one plane from the worker, into the cache (a failure is not cached, so it is asked again), and
   * drawn if its plane is the one shown by then (whether it was asked for display or by the stack prefetch).
   */
  private computeIsodose(key: string, plane: DisplayedPlane, matrix: readonly number[], levels: typeof ISODOSE_LEVEL_STYLES, prescriptionGy: number, scale: number): Promise<CachedIsodose> {
    // Bounded memory: a few hundred planes (every slice of a few series at a few settings) is plenty.
    if (this.cache.size > MAX_CACHED_PLANES) this.cache.clear();
    this.cache.set(key, 'pending');
    const inverse = invertAffine4(matrix);
    const planePlan = mapPlane(inverse, plane);
    // Lines at a delivered-dose level L are the full-decay lines at L / scale (decay scales every voxel alike).
    const levelsGy = levels.map((l) => (prescriptionGy * l.percent) / 100 / scale);
    return this.host.isodose(planePlan, levelsGy).then(
      (lines) => {
        const entry: CachedIsodose = {
          lines: lines.map((line, i) => ({
            percent: levels[i].percent,
            doseGy: (prescriptionGy * levels[i].percent) / 100,
            points: line.rings.map((flat) => {
              const parts: string[] = [];
              for (let k = 0; k < flat.length; k += 3) {
                const [u, v] = inPlaneMm(planePlan, [flat[k], flat[k + 1], flat[k + 2]]);
                parts.push(`${u.toFixed(2)},${v.toFixed(2)}`);
              }
              return parts.join(' ');
            }),
          })),
        };
        this.cache.set(key, entry);
        if (this.shownKey === key && !this.disposed) {
          this.isodoseGroup.replaceChildren();
          this.renderIsodose(entry);
        }
        return entry;
      },
      (error: unknown) => {
        this.cache.delete(key);
        if (this.shownKey === key) this.isodoseGroup.setAttribute('data-state', `failed: ${errorText(error)}`);
        throw error;
      },
    );
  }

  /**
   * Computes the isodose of the stack's other planes in the background, one worker request at a time so a plane
   * the reader scrolls to is never queued behind many: each step takes the nearest plane not yet cached, ahead of
   * the scroll direction before behind it. Restarts when the settings (study, levels, basis, placement) change.
   */
  private prefetchStack(settingsKey: string, shown: DisplayedPlane, keyOf: (plane: DisplayedPlane) => string, matrix: readonly number[], levels: typeof ISODOSE_LEVEL_STYLES, prescriptionGy: number, scale: number): void {
    if (!(scale > 0)) return;
    // The stack's planes are read again only when the shown plane is not among them (another series).
    let index = this.stack.findIndex((p) => p.key === shown.key);
    if (index < 0) {
      this.stack = this.host.stackPlanes(this.viewport.id);
      index = this.stack.findIndex((p) => p.key === shown.key);
    }
    if (index < 0) return;
    const planes = this.stack;
    if (this.lastIndex >= 0 && index !== this.lastIndex) this.direction = index > this.lastIndex ? 1 : -1;
    this.lastIndex = index;
    if (this.prefetching && this.prefetchKey === settingsKey) return;
    this.prefetchKey = settingsKey;
    this.prefetching = true;
    // A run for older settings stops at its next step.
    const run = ++this.prefetchRun;
    const stop = () => {
      if (run === this.prefetchRun) this.prefetching = false;
    };
    const step = (): void => {
      if (run !== this.prefetchRun) return;
      // Never past the cache bound: a clear would throw away what the prefetch has just computed.
      if (this.disposed || !this.host.getState().enabled || this.cache.size >= MAX_CACHED_PLANES) return stop();
      const next = nearestUncached(planes.length, this.lastIndex, this.direction, (i) => this.cache.has(keyOf(planes[i])));
      if (next < 0) {
        this.prefetchComplete = settingsKey;
        return stop();
      }
      this.computeIsodose(keyOf(planes[next]), planes[next], matrix, levels, prescriptionGy, scale).then(step, stop);
    };
    step();
  }

  private renderIsodose(entry: CachedIsodose): void {
    this.isodoseGroup.setAttribute('data-state', 'ready');
    for (const line of entry.lines) {
      const style = ISODOSE_LEVEL_STYLES.find((l) => l.percent === line.percent);
      for (const points of line.points) {
        this.isodoseGroup.appendChild(
          el('polygon', {
            points,
            fill: 'none',
            stroke: style?.color ?? '#fff',
            'stroke-width': style?.widthPx ?? 1,
            'stroke-opacity': style?.opacity ?? 1,
            'vector-effect': 'non-scaling-stroke',
            'data-percent': line.percent,
            'data-dose-gy': line.doseGy,
          }),
        );
      }
    }
  }

  private selectSlabSeeds(seedKey: string, plane: DisplayedPlane, matrix: readonly number[], planSeeds: readonly Vec3[], placement: StudyPlacement): void {
    this.seedKey = seedKey;
    this.seedGroup.replaceChildren();
    this.slabSeeds = [];
    const migrated = new Map((placement.seeds?.migrated ?? []).map((m) => [m.planIndex, m]));
    const inSlab = (p: Vec3) => Math.abs(heightAbovePlane(plane, p)) <= plane.halfThicknessMm;
    planSeeds.forEach((p, index) => {
      const world = mapPoint(matrix, p);
      if (!inSlab(world)) return;
      const kind = migrated.has(index) ? 'migrated' : 'planned';
      this.addSeed(kind, index, world);
    });
    if (placement.seeds) {
      // Where migrated seeds went: the found seeds at those positions get the migrated colour.
      const same = (a: Vec3, b: Vec3) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
      const migratedFound = new Set(
        [...migrated.values()].flatMap((m) => (m.foundMm ? [placement.seeds!.foundSeedsMm.findIndex((f) => same(f, m.foundMm!))] : [])),
      );
      placement.seeds.foundSeedsMm.forEach((world, index) => {
        if (inSlab(world)) this.addSeed(migratedFound.has(index) ? 'migratedFound' : 'found', index, world);
      });
    }
  }

  private addSeed(kind: 'planned' | 'found' | 'migrated' | 'migratedFound', index: number, world: Vec3): void {
    const g = el('g', { 'data-seed-kind': kind, 'data-seed-index': index });
    if (kind === 'planned' || kind === 'migrated') {
      const color = kind === 'planned' ? SEED_COLORS.planned : SEED_COLORS.migrated;
      g.appendChild(el('circle', { r: 4, fill: 'none', stroke: color, 'stroke-width': 1.5 }));
      if (kind === 'migrated') {
        const text = el('text', { x: 6, y: -6, fill: color, 'font-size': 11, 'font-family': 'sans-serif' });
        text.textContent = `seed ${index + 1} migrated`;
        g.appendChild(text);
      }
    } else {
      const color = kind === 'found' ? SEED_COLORS.found : SEED_COLORS.migrated;
      g.appendChild(el('path', { d: 'M-3.5,0H3.5M0,-3.5V3.5', stroke: color, 'stroke-width': 1.5 }));
    }
    this.seedGroup.appendChild(g);
    this.slabSeeds.push({ kind, index, world, node: g });
  }

  private drawLegend(state: OverlayState, levels: typeof ISODOSE_LEVEL_STYLES, scale: number): void {
    const signature = `${state.prescriptionGy}|${levels.map((l) => l.percent).join(',')}|${scale}|${this.size.width}x${this.size.height}`;
    if (this.legendGroup.getAttribute('data-signature') === signature) return;
    this.legendGroup.setAttribute('data-signature', signature);
    this.legendGroup.replaceChildren();
    // On the image's right edge: the liver (patient's right) lies on the image's left in axial views.
    const top = Math.max(60, this.size.height * 0.35);
    const left = Math.max(4, this.size.width - 150);
    this.legendGroup.setAttribute('transform', `translate(${left - 4} 0)`);
    this.legendGroup.appendChild(el('rect', { x: 4, y: top - 14, width: 132, height: levels.length * 15 + 22, fill: 'rgba(0,0,0,0.55)', rx: 3 }));
    const title = el('text', { x: 10, y: top, fill: '#e5e7eb', 'font-size': 11, 'font-family': 'sans-serif' });
    title.textContent = `Isodose (Rx ${formatGy(state.prescriptionGy)})`;
    this.legendGroup.appendChild(title);
    levels.forEach((level, i) => {
      const y = top + 15 * (i + 1);
      this.legendGroup.appendChild(el('line', { x1: 10, x2: 28, y1: y - 4, y2: y - 4, stroke: level.color, 'stroke-width': 2 }));
      const text = el('text', { x: 34, y, fill: '#e5e7eb', 'font-size': 11, 'font-family': 'sans-serif', 'data-percent': level.percent });
      text.textContent = `${formatGy((state.prescriptionGy * level.percent) / 100)} (${level.percent}%)`;
      this.legendGroup.appendChild(text);
    });
  }

  private drawSign(state: OverlayState): void {
    const sign = overlaySign(state);
    const text = sign?.text ?? '';
    if (this.sign.textContent === text && this.sign.getAttribute('data-reason') === (sign?.reason ?? '')) return;
    // textContent: never parsed as HTML.
    this.sign.textContent = text;
    this.sign.setAttribute('data-reason', sign?.reason ?? '');
    this.sign.style.display = sign ? '' : 'none';
  }

  private drawLabel(state: OverlayState, study: ReturnType<OverlayLayerHost['viewportStudy']>, placement: StudyPlacement | undefined): void {
    const parts: string[] = [];
    if (state.planStatus !== 'ready') parts.push(state.planStatus === 'none' ? '' : `Implant plan: ${state.planStatus}${state.progress ? ` (${state.progress})` : ''}${state.planError ? ` – ${state.planError}` : ''}`);
    else if (study && state.plan) {
      parts.push(`Dose: ${state.plan.doseSource === 'rtDose' ? 'RT Dose file' : 'computed from plan (TG-43)'}, ${study.basisLabel}`);
      if (placement?.method === 'seedRegistration' && placement.seeds)
        parts.push(`Plan placed by seed registration: RMS ${placement.seeds.rmsMm.toFixed(1)} mm, ${placement.seeds.pairedCount} paired, ${placement.seeds.migrated.length} migrated/unmatched${placement.checkingWholeCt ? ` (slab; ${placement.checkingWholeCt})` : ''}`);
      else if (placement?.method === 'spatialRegistration') parts.push(`Plan placed by Spatial Registration ${placement.registrationUid ?? ''}`.trim());
      else if (placement?.method === 'pending') parts.push(`Placing plan: ${placement.progress ?? 'finding seeds'}…`);
      else if (placement?.method === 'failed') parts.push(`Plan not placed: ${placement.error}`);
    }
    // One line per fact, above the host's bottom corner overlays (window level, image number).
    const lines = parts.filter(Boolean);
    const signature = lines.join('\n');
    const bottom = Math.max(40, this.size.height - 56);
    if (this.label.getAttribute('data-text') !== signature || this.label.getAttribute('data-bottom') !== String(bottom)) {
      this.label.setAttribute('data-text', signature);
      this.label.setAttribute('data-bottom', String(bottom));
      this.label.replaceChildren(
        ...lines.map((line, i) => {
          const span = el('tspan', { x: 8, y: bottom - 14 * (lines.length - 1 - i) });
          span.textContent = line;
          return span;
        }),
      );
    }
  }
}

/** Index of the nearest plane not yet cached from `from`, ahead (`direction`) before behind at equal distance; -1 when all are. */
export function nearestUncached(count: number, from: number, direction: number, cached: (index: number) => boolean): number {
  for (let d = 0; d < count; d++)
    for (const i of [from + direction * d, from - direction * d]) if (i >= 0 && i < count && !cached(i)) return i;
  return -1;
}
