import { SlidersHorizontal } from 'lucide-react';
import { useRef, useState, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import type { SceneMeta } from '../../../../shared/models/manuscript';
import { formatCount, IconButton } from '../../ui';
import { SceneDetails, STATUS_OPTIONS, type SceneMetaPatch } from './SceneDetails';

export interface SceneHeaderProps {
  meta: SceneMeta;
  words: number;
  saveStatus: ReactNode;
  onChange: (patch: SceneMetaPatch) => void;
  /** Moves the caret into the text (Enter or ArrowDown in the title). */
  onEnterText: () => void;
}

/** The scene's title (editable in place), its status, word count and save status. */
export function SceneHeader({ meta, words, saveStatus, onChange, onEnterText }: SceneHeaderProps): JSX.Element {
  // While the title has focus it is a draft; otherwise it follows renames from elsewhere.
  const [draft, setDraft] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const cancelled = useRef(false);

  const commitTitle = () => {
    const next = (draft ?? meta.title).trim();
    setDraft(null);
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (next.length > 0 && next !== meta.title) onChange({ title: next });
  };

  const onTitleKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      commitTitle();
      onEnterText();
    } else if (event.key === 'Escape') {
      cancelled.current = true;
      event.currentTarget.blur();
    }
  };

  const statusLabel = STATUS_OPTIONS.find((option) => option.value === meta.status)?.label ?? meta.status;

  return (
    <header className="scene-header">
      <input
        className="scene-header__title"
        value={draft ?? meta.title}
        maxLength={300}
        aria-label="Scene title"
        placeholder="Untitled scene"
        onFocus={() => setDraft(meta.title)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commitTitle}
        onKeyDown={onTitleKey}
        data-testid="scene-title"
      />
      <div className="scene-header__meta">
        <span className={`scene-header__status scene-header__status--${meta.status}`}>{statusLabel}</span>
        {meta.pov && <span className="scene-header__pov" title="Point of view">POV: {meta.pov}</span>}
        <span className="scene-header__words" data-testid="word-count" aria-live="off">
          {formatCount(words, 'word')}
        </span>
        {saveStatus}
        <IconButton
          label="Scene details"
          icon={<SlidersHorizontal size={16} />}
          active={detailsOpen}
          aria-expanded={detailsOpen}
          onClick={() => setDetailsOpen((open) => !open)}
          data-scene-details-toggle=""
          data-testid="scene-details-toggle"
        />
      </div>
      {detailsOpen && <SceneDetails meta={meta} onChange={onChange} onClose={() => setDetailsOpen(false)} />}
    </header>
  );
}
