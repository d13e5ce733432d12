import { useEffect, useId, useRef, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import type { MemoryKind } from '../../../../shared/models/memory';
import { Button } from '../../ui';
import { MarkerInput } from './MarkerInput';
import { KIND_HINTS, KIND_LABELS } from './memory-filters';

/** What the writer is typing; kept by the owner so a conflict or a failed save never loses it. */
export interface MemoryDraft {
  kind: MemoryKind;
  content: string;
  markers: string[];
  /** Agent names, comma-separated; empty for every agent. */
  scope: string;
}

export interface MemoryEditorProps {
  draft: MemoryDraft;
  onDraft: (draft: MemoryDraft) => void;
  knownMarkers: readonly string[];
  /** Offer the kind (adding); an edit keeps the kind. */
  chooseKind?: boolean;
  submitLabel: string;
  busy?: boolean;
  /** True when the draft differs from what it started as (Escape then does not throw it away). */
  dirty: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  /** A message above the buttons: a conflict, an error. */
  notice?: ReactNode;
  'data-testid'?: string;
}

const KINDS: MemoryKind[] = ['core', 'episodic', 'associative'];

/**
 * The inline editor of a memory: text, markers, which agents may read it (and the kind when
 * adding). Mod+Enter saves; Escape cancels while nothing was changed.
 */
export function MemoryEditor({ draft, onDraft, knownMarkers, chooseKind = false, submitLabel, busy = false, dirty, onSubmit, onCancel, notice, 'data-testid': testId = 'memory-editor' }: MemoryEditorProps): JSX.Element {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const ids = { text: useId(), scope: useId(), scopeHint: useId(), kind: useId() };
  const empty = draft.content.trim().length === 0;

  useEffect(() => {
    const area = textRef.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      if (!empty && !busy) onSubmit();
    } else if (event.key === 'Escape' && !dirty) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="memory-editor" onKeyDown={onKeyDown} data-testid={testId}>
      {chooseKind && (
        <div className="memory-editor__kinds" role="radiogroup" aria-labelledby={ids.kind}>
          <span id={ids.kind} className="memory-editor__label">
            Kind
          </span>
          <div className="ui-segmented ui-segmented--sm">
            {KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                role="radio"
                aria-checked={draft.kind === kind}
                className={draft.kind === kind ? 'is-active' : ''}
                title={KIND_HINTS[kind]}
                onClick={() => onDraft({ ...draft, kind })}
                data-testid={`memory-kind-${kind}`}
              >
                {KIND_LABELS[kind]}
              </button>
            ))}
          </div>
        </div>
      )}
      <label className="memory-editor__label" htmlFor={ids.text}>
        What to remember
      </label>
      <textarea
        ref={textRef}
        id={ids.text}
        className="ui-input ui-textarea memory-editor__text"
        rows={3}
        maxLength={2500}
        value={draft.content}
        placeholder={draft.kind === 'core' ? 'Mara’s eyes are grey. / Keep British spelling.' : 'What happened, or what is linked to what.'}
        onChange={(event) => onDraft({ ...draft, content: event.target.value })}
        data-testid="memory-editor-text"
      />
      <span className="memory-editor__label">Markers</span>
      <MarkerInput label="Add a marker: character:Mara" value={draft.markers} onChange={(markers) => onDraft({ ...draft, markers })} known={knownMarkers} data-testid="memory-editor-markers" />
      <label className="memory-editor__label" htmlFor={ids.scope}>
        Agents who may read it
      </label>
      <input
        id={ids.scope}
        className="ui-input"
        type="text"
        value={draft.scope}
        placeholder="All agents"
        aria-describedby={ids.scopeHint}
        onChange={(event) => onDraft({ ...draft, scope: event.target.value })}
        data-testid="memory-editor-scope"
      />
      <span id={ids.scopeHint} className="memory-editor__hint">
        Leave empty for every agent, or name them, separated by commas.
      </span>
      {notice}
      <div className="memory-editor__buttons">
        <Button size="sm" variant="ghost" onClick={onCancel} data-testid="memory-editor-cancel">
          Cancel
        </Button>
        <Button size="sm" variant="primary" busy={busy} disabled={empty} onClick={onSubmit} data-testid="memory-editor-save">
          {submitLabel}
        </Button>
      </div>
    </div>
  );
}
