/** Inline styles of the read panel (the host's CSS is prebuilt: our class names would match nothing). */
import type { CSSProperties } from 'react';

const muted = '#a3b4c8';
const border = '#2c3e55';

export const readStyles = {
  panel: { padding: '8px 10px', color: '#e6eef7', fontSize: 12, lineHeight: 1.35 },
  section: { marginTop: 10 },
  heading: { margin: '6px 0 4px', fontSize: 13, fontWeight: 600, color: '#e6eef7' },
  muted: { color: muted },
  row: { display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' },
  input: { background: '#0b1a2b', color: '#e6eef7', borderWidth: 1, borderStyle: 'solid', borderColor: border, borderRadius: 3, padding: '1px 4px', fontSize: 12 },
  button: { background: '#1f3550', color: '#e6eef7', borderWidth: 1, borderStyle: 'solid', borderColor: border, borderRadius: 3, padding: '1px 6px', fontSize: 12, cursor: 'pointer' },
  primaryButton: { background: '#1b6f86', color: '#fff', borderWidth: 1, borderStyle: 'solid', borderColor: '#5acce6', borderRadius: 3, padding: '2px 8px', fontSize: 12, cursor: 'pointer' },
  error: { background: '#5a1d1d', color: '#ffd7d7', borderRadius: 3, padding: '4px 6px', marginTop: 4 },
  warning: { color: '#f5c16c' },
  table: { borderCollapse: 'collapse', width: '100%', fontVariantNumeric: 'tabular-nums' },
  th: { textAlign: 'left', color: muted, fontWeight: 400, padding: '1px 3px', borderBottomWidth: 1, borderBottomStyle: 'solid', borderBottomColor: border },
  td: { padding: '1px 3px', borderBottomWidth: 1, borderBottomStyle: 'solid', borderBottomColor: '#18283c', verticalAlign: 'top' },
  selectedRow: { background: '#173252' },
  activeCell: { outlineWidth: 1, outlineStyle: 'solid', outlineColor: '#5acce6' },
  tlRow: { borderWidth: 1, borderStyle: 'solid', borderColor: border, borderRadius: 4, padding: '4px 6px', marginBottom: 4, background: '#0b1a2b' },
  tlCurrent: { borderColor: '#5acce6' },
  badge: { borderRadius: 3, padding: '0 5px', fontSize: 11, background: '#1f3550' },
  baselineBadge: { background: '#8a6d1f', color: '#fff' },
  currentBadge: { background: '#1b6f86', color: '#fff' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  kbd: { fontFamily: 'monospace', background: '#1f3550', borderRadius: 3, padding: '0 4px' },
  trail: { whiteSpace: 'pre-wrap', color: muted, margin: '2px 0 0 8px' },
} satisfies Record<string, CSSProperties>;
