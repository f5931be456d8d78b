/**
 * Leaving the mode with unsaved work asks the reader, as OHIF's longitudinal mode does: save to the PACS,
 * keep as a draft (browser storage; the next visit restores it) or discard. Shown through the host's modal
 * service; the content is a hook-free component so the host's React can render it.
 */
import { theme } from '../../ui/theme';

export type LeaveChoice = 'save' | 'draft' | 'discard';

export interface ModalService {
  show(options: { title: string; content: unknown; contentProps?: Record<string, unknown>; containerClassName?: string; onClose?: () => void }): void;
  hide(): void;
}

interface LeaveDialogProps {
  readonly patients: readonly string[];
  /** Why saving to the PACS is not possible here (static demo, no PACS), else undefined. */
  readonly cannotSave?: string;
  readonly choose: (choice: LeaveChoice) => void;
}

const button = { borderWidth: 1, borderStyle: 'solid', borderColor: theme.border, borderRadius: theme.radius, padding: '4px 12px', cursor: 'pointer', background: theme.secondary, color: theme.foreground } as const;

export function LeaveDialog({ patients, cannotSave, choose }: LeaveDialogProps) {
  return (
    <div data-testid="mrecist-leave-prompt" style={{ color: theme.foreground, fontFamily: theme.fontFamily, fontSize: 14 }}>
      <p>
        The read of {patients.join(', ')} has changes the PACS does not have yet.
      </p>
      {cannotSave ? <p style={{ color: theme.mutedForeground }}>{cannotSave}</p> : null}
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 16 }}>
        <button type="button" data-testid="mrecist-leave-discard" style={button} onClick={() => choose('discard')}>
          Discard
        </button>
        <button type="button" data-testid="mrecist-leave-draft" style={button} onClick={() => choose('draft')}>
          Keep as draft
        </button>
        <button
          type="button"
          data-testid="mrecist-leave-save"
          disabled={!!cannotSave}
          style={{ ...button, background: theme.primary, color: theme.primaryForeground, opacity: cannotSave ? 0.5 : 1 }}
          onClick={() => choose('save')}
        >
          Save to the PACS
        </button>
      </div>
    </div>
  );
}

/** Shows the question; resolves with the reader's choice (closing the dialog keeps the draft). */
export function askOnLeave(modal: ModalService, patients: readonly string[], cannotSave: string | undefined): Promise<LeaveChoice> {
  return new Promise((resolve) => {
    let answered = false;
    const choose = (choice: LeaveChoice) => {
      if (answered) return;
      answered = true;
      modal.hide();
      resolve(choice);
    };
    modal.show({
      title: 'Unsaved mRECIST read',
      content: LeaveDialog,
      contentProps: { patients, cannotSave, choose },
      containerClassName: 'max-w-md',
      onClose: () => choose('draft'),
    });
  });
}
