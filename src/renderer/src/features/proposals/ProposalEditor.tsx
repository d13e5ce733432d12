import { useState, type JSX } from 'react';
import type { ProposalChange } from '../../../../shared/models/runs';
import { Button, TextArea, TextField } from '../../ui';

export interface ProposalEditorProps {
  change: ProposalChange;
  busy: boolean;
  onApprove(edited: ProposalChange): void;
  onCancel(): void;
}

/** The change's editable part as the form holds it. */
interface Draft {
  text: string;
  title: string;
  description: string;
  fields: Record<string, string>;
}

function draftOf(change: ProposalChange): Draft {
  switch (change.type) {
    case 'scene-text':
      return { text: change.after, title: '', description: '', fields: {} };
    case 'new-scene':
      return { text: change.after, title: change.title, description: '', fields: {} };
    case 'codex':
      return { text: '', title: '', description: change.after.description, fields: { ...change.after.fields } };
    case 'memory':
      return { text: change.content, title: '', description: '', fields: {} };
  }
}

/** The same change with the writer's version of what it would write. */
export function editedChange(change: ProposalChange, draft: Draft): ProposalChange {
  switch (change.type) {
    case 'scene-text':
      return { ...change, after: draft.text };
    case 'new-scene':
      return { ...change, title: draft.title.trim() || change.title, after: draft.text };
    case 'codex':
      return { ...change, after: { description: draft.description, fields: draft.fields } };
    case 'memory':
      return { ...change, content: draft.text };
  }
}

/** "Edit then approve": the proposed text or fields in a form, approved as edited. */
export function ProposalEditor({ change, busy, onApprove, onCancel }: ProposalEditorProps): JSX.Element {
  const [draft, setDraft] = useState<Draft>(() => draftOf(change));
  const empty = change.type !== 'codex' && draft.text.trim() === '';
  return (
    <form
      className="proposal-editor"
      aria-label="Edit the proposal"
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) onApprove(editedChange(change, draft));
      }}
    >
      {change.type === 'new-scene' && <TextField label="Scene title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
      {change.type === 'codex' ? (
        <>
          <TextArea label="description" rows={3} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          {Object.keys(draft.fields).map((field) => (
            <TextArea key={field} label={field} rows={2} value={draft.fields[field] ?? ''} onChange={(e) => setDraft({ ...draft, fields: { ...draft.fields, [field]: e.target.value } })} />
          ))}
        </>
      ) : (
        <TextArea
          label={change.type === 'memory' ? 'Memory' : 'Proposed text'}
          rows={10}
          value={draft.text}
          error={empty ? 'Write the text to approve, or reject the proposal.' : null}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          data-testid="proposal-edit-text"
        />
      )}
      <div className="proposal-card__actions">
        <Button type="submit" variant="primary" size="sm" busy={busy} disabled={empty}>
          Approve edited
        </Button>
        <Button size="sm" onClick={onCancel}>
          Cancel edit
        </Button>
      </div>
    </form>
  );
}
