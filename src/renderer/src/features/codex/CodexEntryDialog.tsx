import { Trash2 } from 'lucide-react';
import { useState, type JSX } from 'react';
import type { CodexEntry, CodexKind } from '../../../../shared/models/codex';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, Select, TextArea, TextField } from '../../ui';
import { AliasInput } from './AliasInput';
import { changeKind, draftOf, KIND_LABELS, KIND_ORDER, validateDraft, type CodexDraft, type DraftErrors } from './codex-form';
import { ProfileRows } from './ProfileRows';

export interface CodexEntryDialogProps {
  projectId: string;
  /** The entry to edit, or null to create one of `kind`. */
  entry: CodexEntry | null;
  kind: CodexKind;
  onClose: () => void;
  onDelete: (entry: CodexEntry) => void;
}

const KIND_OPTIONS = KIND_ORDER.map((kind) => ({ value: kind, label: KIND_LABELS[kind].one }));

/** Creates or edits a codex entry: name, kind, aliases, description and profile details. */
export function CodexEntryDialog({ projectId, entry, kind, onClose, onDelete }: CodexEntryDialogProps): JSX.Element {
  const { useCodexStore } = useStores();
  const [draft, setDraft] = useState<CodexDraft>(() => draftOf(entry, kind));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const edit = (patch: Partial<CodexDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setTouched(true);
  };

  const submit = async () => {
    const result = validateDraft(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(null);
    try {
      const store = useCodexStore.getState();
      if (entry) await store.update({ id: entry.id, ...result.value });
      else await store.create({ projectId, ...result.value });
      onClose();
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      closeOnBackdrop={!touched}
      title={entry ? `Edit ${entry.name}` : `New ${KIND_LABELS[draft.kind].one.toLocaleLowerCase()}`}
      description="Names and aliases are highlighted wherever they appear in your scenes."
      onSubmit={() => void submit()}
      data-testid="codex-dialog"
      footer={
        <>
          {entry && (
            <Button variant="ghost" icon={<Trash2 size={14} />} className="codex-dialog__delete" onClick={() => onDelete(entry)} data-testid="codex-delete">
              Move to trash
            </Button>
          )}
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="codex-save">
            {entry ? 'Save' : 'Create'}
          </Button>
        </>
      }
    >
      <div className="codex-dialog">
        <div className="codex-dialog__row">
          <TextField
            label="Name"
            className="codex-dialog__name"
            value={draft.name}
            maxLength={300}
            error={errors.name}
            onChange={(event) => edit({ name: event.target.value })}
            data-testid="codex-name"
          />
          <Select
            label="Kind"
            value={draft.kind}
            options={KIND_OPTIONS}
            onChange={(next) => {
              setDraft((current) => changeKind(current, next));
              setTouched(true);
            }}
            data-testid="codex-kind"
          />
        </div>
        <AliasInput aliases={draft.aliases} onChange={(aliases) => edit({ aliases })} error={errors.aliases} />
        <TextArea
          label="Description"
          rows={4}
          value={draft.description}
          maxLength={100_000}
          placeholder="Who or what this is, in a few lines. The first sentence shows when you point at a highlighted name."
          onChange={(event) => edit({ description: event.target.value })}
          data-testid="codex-description"
        />
        <ProfileRows rows={draft.profile} onChange={(profile) => edit({ profile })} error={errors.profile} />
        {failure && (
          <div className="codex-dialog__failure" role="alert">
            {failure}
          </div>
        )}
      </div>
    </Dialog>
  );
}
