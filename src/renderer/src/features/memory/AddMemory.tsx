import { Plus } from 'lucide-react';
import { useEffect, useRef, useState, type JSX } from 'react';
import type { MemoryKind } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, notify } from '../../ui';
import { MemoryEditor, type MemoryDraft } from './MemoryEditor';
import { parseScope } from './memory-filters';

export interface AddMemoryProps {
  projectId: string;
  /** The kind a new memory starts as; `chooseKind` lets the writer change it. */
  kind: MemoryKind;
  chooseKind?: boolean;
  label: string;
}

/** "Add memory": a button that opens the editor in place; the typed text survives a failed save. */
export function AddMemory({ projectId, kind, chooseKind = false, label }: AddMemoryProps): JSX.Element {
  const { useMemory } = useStores();
  const knownMarkers = useMemory((s) => s.knownMarkers);
  const blank: MemoryDraft = { kind, content: '', markers: [], scope: '' };
  const [draft, setDraft] = useState<MemoryDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  /** Set when the editor closes, so the button that opened it takes the focus back once it is there again. */
  const refocus = useRef(false);

  useEffect(() => {
    if (draft || !refocus.current) return;
    refocus.current = false;
    button.current?.focus();
  }, [draft]);

  const close = () => {
    refocus.current = true;
    setDraft(null);
    setError(null);
  };

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    try {
      await useMemory.getState().create({ projectId, kind: draft.kind, content: draft.content, markers: draft.markers, agentScope: parseScope(draft.scope) });
      notify.success(draft.kind === 'core' ? 'The AI will keep this in mind.' : 'Memory added.');
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!draft) {
    return (
      <Button ref={button} size="sm" variant="primary" icon={<Plus size={14} />} onClick={() => setDraft(blank)} data-testid="memory-add">
        {label}
      </Button>
    );
  }
  return (
    <div className="memory-add">
      <MemoryEditor
        draft={draft}
        onDraft={setDraft}
        knownMarkers={knownMarkers}
        chooseKind={chooseKind}
        submitLabel="Add"
        busy={busy}
        dirty={draft.content.trim() !== '' || draft.markers.length > 0 || draft.scope.trim() !== ''}
        onSubmit={() => void save()}
        onCancel={close}
        notice={
          error && (
            <div className="memory-notice memory-notice--error" role="alert" data-testid="memory-add-error">
              <p>{error} Your text is still here; try again.</p>
            </div>
          )
        }
        data-testid="memory-add-editor"
      />
    </div>
  );
}
