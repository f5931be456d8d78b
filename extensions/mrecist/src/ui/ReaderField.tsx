/**
 * Who reads, at the top of the panel. In central review the reader is the logged-in user: the name is shown,
 * never typed (the server refuses reads naming anyone else). Outside review the reader types a name; the read
 * is kept under it and the name is remembered for the next visit.
 */
import { readStyles as s } from './readStyles';

export interface ReaderFieldProps {
  readonly readerName: string;
  /** Set in central review: the trial and role of the logged-in user; the name is then fixed. */
  readonly review?: { readonly trial: string; readonly role: string };
  readonly onReaderName: (name: string) => void;
}

export function ReaderField(p: ReaderFieldProps) {
  if (p.review) {
    return (
      <span data-testid="mrecist-reader-identity" data-reader-name={p.readerName} title="Logged in to the central review: reads are stored under this name">
        Reader <strong>{p.readerName}</strong> <span style={s.muted}>({p.review.role}, trial {p.review.trial})</span>
      </span>
    );
  }
  return (
    <label>
      Reader{' '}
      <input
        key={p.readerName}
        style={s.input}
        data-testid="mrecist-reader-name"
        defaultValue={p.readerName}
        onBlur={(e) => p.onReaderName(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
}
