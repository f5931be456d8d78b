/**
 * Who reads in this visit of the mode. Asked once when the session starts:
 *   - the review server answers `/review/api/me` (200, JSON): the reader is the logged-in user, whose display
 *     name the read carries; there is nothing to type, and the server refuses reads naming anyone else;
 *   - nothing answers there (404, or a static host's SPA fallback page): not a review; the reader types a name,
 *     remembered in browser storage so the read of that name reopens on the next visit;
 *   - anything else (network down, the review session expired: 401): `failed`, with the reason; no read is
 *     opened under a guessed name.
 */
import { errorText } from '../../core/errorText';
import { DEFAULT_READER_NAME } from '../read/ReadStore';
import { parseReviewIdentity, rememberedReaderName, rememberReaderName, REVIEW_ME_PATH, type NameStorage, type ReviewIdentity } from '../../core/review/reviewIdentity';
import { Listeners } from '../Listeners';

export type IdentityState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'local'; readonly readerName: string }
  | { readonly kind: 'review'; readonly user: ReviewIdentity }
  | { readonly kind: 'failed'; readonly reason: string };

type FetchLike = (url: string, init?: { headers?: Record<string, string>; credentials?: 'same-origin' }) => Promise<Pick<Response, 'status' | 'headers' | 'text'>>;

export interface ReaderIdentityOptions {
  readonly fetch: FetchLike;
  readonly storage: NameStorage | null;
}

export class ReaderIdentity {
  private state: IdentityState = { kind: 'pending' };
  private readonly listeners = new Listeners();

  constructor(private readonly options: ReaderIdentityOptions) {}

  /** In a browser: the page's own origin, browser storage. */
  static forBrowser(storage: NameStorage | null): ReaderIdentity {
    return new ReaderIdentity({ fetch: (url, init) => fetch(url, init), storage });
  }

  getState = (): IdentityState => this.state;

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  /** The name the read is kept under: the logged-in user's, or the remembered one (default "Reader 1"). */
  readerName(): string | undefined {
    const s = this.state;
    return s.kind === 'review' ? s.user.name : s.kind === 'local' ? s.readerName : undefined;
  }

  async resolve(): Promise<IdentityState> {
    this.set({ kind: 'pending' });
    let next: IdentityState;
    try {
      const response = await this.options.fetch(REVIEW_ME_PATH, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const type = response.headers.get('content-type') ?? '';
      if (response.status === 404 || (response.status === 200 && !type.includes('json'))) next = this.local();
      else if (response.status === 200) next = { kind: 'review', user: parseReviewIdentity(JSON.parse(await response.text()), REVIEW_ME_PATH) };
      else if (response.status === 401) next = { kind: 'failed', reason: 'The review session has ended: log in again (open /review/).' };
      else next = { kind: 'failed', reason: `${REVIEW_ME_PATH}: HTTP ${response.status}` };
    } catch (error) {
      next = { kind: 'failed', reason: `Could not find out who is reading (${REVIEW_ME_PATH}): ${errorText(error)}` };
    }
    this.set(next);
    return next;
  }

  /** The reader typed a name (outside review mode only): remembered for the next visit. */
  remember(name: string): void {
    if (this.state.kind !== 'local') return;
    const readerName = name.trim() || DEFAULT_READER_NAME;
    rememberReaderName(this.options.storage, readerName);
    this.set({ kind: 'local', readerName });
  }

  private local(): IdentityState {
    return { kind: 'local', readerName: rememberedReaderName(this.options.storage) ?? DEFAULT_READER_NAME };
  }

  private set(next: IdentityState): void {
    this.state = next;
    this.listeners.notify();
  }
}
