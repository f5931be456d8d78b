/** Inline styles of the read panel, in the host's theme tokens (ui/theme.ts): the host's CSS is prebuilt, so our own class names would match nothing. */
import type { CSSProperties } from 'react';
import { theme } from './theme';

const muted = theme.mutedForeground;
const border = theme.border;

export const readStyles = {
  panel: { padding: '8px 10px', color: theme.foreground, fontFamily: theme.fontFamily, fontSize: 12, lineHeight: 1.35 },
  section: { marginTop: 10 },
  heading: { margin: '6px 0 4px', fontSize: 13, fontWeight: 600, color: theme.foreground },
  muted: { color: muted },
  row: { display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' },
  input: { background: theme.background, color: theme.foreground, borderWidth: 1, borderStyle: 'solid', borderColor: border, borderRadius: theme.radius, padding: '1px 4px', fontSize: 12 },
  button: { background: theme.secondary, color: theme.foreground, borderWidth: 1, borderStyle: 'solid', borderColor: border, borderRadius: theme.radius, padding: '1px 6px', fontSize: 12, cursor: 'pointer' },
  primaryButton: { background: theme.primary, color: theme.primaryForeground, borderWidth: 1, borderStyle: 'solid', borderColor: theme.highlight, borderRadius: theme.radius, padding: '2px 8px', fontSize: 12, cursor: 'pointer' },
  error: { background: theme.destructive, color: theme.destructiveForeground, borderRadius: theme.radius, padding: '4px 6px', marginTop: 4 },
  warning: { color: theme.warning },
  table: { borderCollapse: 'collapse', width: '100%', fontVariantNumeric: 'tabular-nums' },
  th: { textAlign: 'left', color: muted, fontWeight: 400, padding: '1px 3px', borderBottomWidth: 1, borderBottomStyle: 'solid', borderBottomColor: border },
  td: { padding: '1px 3px', borderBottomWidth: 1, borderBottomStyle: 'solid', borderBottomColor: theme.border, verticalAlign: 'top' },
  selectedRow: { background: theme.selected },
  activeCell: { outlineWidth: 1, outlineStyle: 'solid', outlineColor: theme.highlight },
  tlRow: { borderWidth: 1, borderStyle: 'solid', borderColor: border, borderRadius: theme.radius, padding: '4px 6px', marginBottom: 4, background: theme.background },
  tlCurrent: { borderColor: theme.highlight },
  badge: { borderRadius: theme.radius, padding: '0 5px', fontSize: 11, background: theme.secondary },
  baselineBadge: { background: theme.baseline, color: theme.primaryForeground },
  currentBadge: { background: theme.primary, color: theme.primaryForeground },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  kbd: { fontFamily: theme.monoFontFamily, background: theme.secondary, borderRadius: theme.radius, padding: '0 4px' },
  trail: { whiteSpace: 'pre-wrap', color: muted, margin: '2px 0 0 8px' },
} satisfies Record<string, CSSProperties>;
