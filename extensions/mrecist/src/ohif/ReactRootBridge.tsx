/**
 * Mounts our own React 18 root inside a component the HOST's React renders. The host does not expose its
 * React, and a component calling hooks under another React copy crashes ("reading 'useState'"). A class
 * component without hooks renders fine under either copy (elements are plain objects of the same 18.3
 * shape), so this thin class owns a <div> and everything inside it runs on our React and may use hooks.
 */
import { Component, createRef, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export interface ReactRootBridgeProps {
  /** Renders the content into our root; called again whenever the host re-renders the bridge. */
  readonly renderContent: () => ReactNode;
  readonly className?: string;
  readonly testId?: string;
}

export class ReactRootBridge extends Component<ReactRootBridgeProps> {
  private readonly container = createRef<HTMLDivElement>();
  private root: Root | null = null;

  override componentDidMount(): void {
    if (!this.container.current) throw new Error('ReactRootBridge: container element missing after mount');
    this.root = createRoot(this.container.current);
    this.root.render(this.props.renderContent());
  }

  override componentDidUpdate(): void {
    this.root?.render(this.props.renderContent());
  }

  override componentWillUnmount(): void {
    const root = this.root;
    this.root = null;
    // Unmounting a root synchronously while the host's React is mid-commit logs a race warning; defer it.
    setTimeout(() => root?.unmount(), 0);
  }

  override render(): ReactNode {
    return <div ref={this.container} className={this.props.className} data-testid={this.props.testId} style={{ height: '100%', overflow: 'auto' }} />;
  }
}
