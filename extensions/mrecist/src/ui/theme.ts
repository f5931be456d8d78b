/**
 * The host's theme tokens (OHIF 3.13 @ohif/ui-next: shadcn-style CSS variables holding "H S% L%" triples on
 * :root and per theme). Our panel is rendered by our own React root with inline styles (the host's CSS is
 * prebuilt, so our own class names would match nothing), and these tokens make it follow the host's colours,
 * font and radius, whichever theme the site chose. Status colours without a host token (response classes,
 * warnings) are derived from the host's tokens too.
 */
const token = (name: string, alpha?: number) => (alpha === undefined ? `hsl(var(--${name}))` : `hsl(var(--${name}) / ${alpha})`);

export const theme = {
  foreground: token('foreground'),
  mutedForeground: token('muted-foreground'),
  background: token('background'),
  card: token('card'),
  border: token('border'),
  input: token('input'),
  primary: token('primary'),
  primaryForeground: token('primary-foreground'),
  secondary: token('secondary'),
  secondaryForeground: token('secondary-foreground'),
  accent: token('accent'),
  highlight: token('highlight'),
  destructive: token('destructive'),
  destructiveForeground: token('destructive-foreground'),
  muted: token('muted'),
  /** Warnings and success have only hex text tokens in ui-next: used as is, with a fallback. */
  warning: 'var(--warning-text, #f5c16c)',
  success: 'var(--success-text, #7fd48a)',
  selected: token('accent'),
  /** The baseline badge: the host's highlight dimmed, distinct from the primary "current" badge. */
  baseline: token('highlight', 0.45),
  radius: 'var(--radius, 0.375rem)',
  fontFamily: 'Inter, system-ui, sans-serif',
  monoFontFamily: 'Menlo, Monaco, Consolas, monospace',
} as const;
