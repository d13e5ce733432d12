import type { JSX } from 'react';
import type { DocNode } from '../../../../shared/models/document';
import { DocView, formatRelativeTime } from '../../ui';

export interface RecoveryPreviewProps {
  /** The crash journal's copy: what "Recover it" brings back. */
  unsaved: DocNode;
  /** When that copy was written. */
  writtenAt: number;
  /** The scene as stored: what the recovered text replaces. */
  saved: DocNode;
}

function hasText(node: DocNode): boolean {
  if (node.type === 'text') return (node.text ?? '').trim() !== '';
  if (node.type === 'horizontalRule') return true;
  return (node.content ?? []).some(hasText);
}

function Pane({ label, doc, testId }: { label: string; doc: DocNode; testId: string }): JSX.Element {
  return (
    <section className="recovery-preview__pane" aria-label={label}>
      <h4 className="recovery-preview__label">{label}</h4>
      {hasText(doc) ? (
        <DocView doc={doc} className="recovery-preview__doc" data-testid={testId} />
      ) : (
        <p className="recovery-preview__doc recovery-preview__empty" data-testid={testId}>
          (empty)
        </p>
      )}
    </section>
  );
}

/** Side by side, with their formatting: the unsaved text a recovery brings back, and the saved text it replaces. */
export function RecoveryPreview({ unsaved, writtenAt, saved }: RecoveryPreviewProps): JSX.Element {
  return (
    <div className="recovery-preview" data-testid="recovery-preview">
      <Pane label={`Recover brings back (unsaved, ${formatRelativeTime(writtenAt)})`} doc={unsaved} testId="recovery-preview-unsaved" />
      <Pane label="It replaces the saved text" doc={saved} testId="recovery-preview-saved" />
    </div>
  );
}
