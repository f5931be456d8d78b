/**
 * A programming error inside the read panel shows as a message in the panel (with the way out: the draft is
 * saved, reload), instead of unmounting the panel silently.
 */
import { Component, type ReactNode } from 'react';
import { readStyles as s } from './readStyles';

export class PanelErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div style={{ ...s.panel }} role="alert" data-testid="mrecist-panel-error">
        <div style={s.error}>The read panel failed: {this.state.error.message}</div>
        <p style={s.muted}>Every edit up to this point is saved in the browser: reload the page to continue the read.</p>
      </div>
    );
  }
}
