/** The "model" field of dose command output: what was asked, what was used, and why when they differ. */
import type { DoseModelUsage } from '../core/dose/messages';

export interface DoseModelSummary {
  requested: string;
  used: 'line2d' | 'point1d' | 'mixed';
  line2dSeeds: number;
  point1dSeeds: number;
  reason?: string;
}

export function summariseModelUsage(usage: DoseModelUsage): DoseModelSummary {
  const used = usage.point1dSeeds === 0 ? 'line2d' : usage.line2dSeeds === 0 ? 'point1d' : 'mixed';
  const reason =
    usage.requested === 'line2d' && usage.point1dSeeds > 0
      ? `${usage.point1dSeeds} seed(s) have no orientation in the plan (no Control Point Orientation, no needle ` +
        'neighbours); the 1D point-source formalism was used for them'
      : undefined;
  return { requested: usage.requested, used, line2dSeeds: usage.line2dSeeds, point1dSeeds: usage.point1dSeeds, ...(reason ? { reason } : {}) };
}
