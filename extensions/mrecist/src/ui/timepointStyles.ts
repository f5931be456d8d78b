/** Inline styles for the timepoint list: the host's CSS is prebuilt, so our classes would match nothing. */
import type { CSSProperties } from 'react';

const muted = '#a3b4c8';

export const timepointStyles = {
  panel: { padding: '8px 10px', color: '#e6eef7', fontSize: 13, lineHeight: 1.35 },
  empty: { padding: 12, color: muted, fontSize: 13 },
  patient: { margin: '4px 0 8px', fontSize: 14, fontWeight: 600 },
  patientId: { color: muted, fontWeight: 400 },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  // Longhand border properties only: React cannot safely switch between a shorthand and one of its longhands.
  row: { borderWidth: 1, borderStyle: 'solid', borderColor: '#2c3e55', borderRadius: 4, padding: '6px 8px', marginBottom: 6, background: '#0b1a2b' },
  currentRow: { borderColor: '#5acce6' },
  rowHeader: { display: 'flex', gap: 6, alignItems: 'center' },
  badge: { borderRadius: 3, padding: '0 6px', fontSize: 12, background: '#1f3550' },
  baselineBadge: { background: '#8a6d1f', color: '#fff' },
  currentBadge: { background: '#1b6f86', color: '#fff' },
  days: { marginLeft: 'auto', color: muted, fontVariantNumeric: 'tabular-nums' },
  date: { marginTop: 2, fontVariantNumeric: 'tabular-nums' },
  description: { color: muted, overflowWrap: 'anywhere' },
  placement: { marginTop: 2, color: '#5acce6', fontSize: 12 },
} satisfies Record<string, CSSProperties>;
