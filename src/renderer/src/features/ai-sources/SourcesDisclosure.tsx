import { BookUser, Brain, ChevronRight, FileText, Pin } from 'lucide-react';
import { useId, useState, type JSX } from 'react';
import type { ContextSource } from '../../../../shared/models/context-source';
import { useStores } from '../../app/services';
import { canOpen, openSource } from './open-source';
import './ai-sources.css';

const ICONS = { scene: FileText, codex: BookUser, memory: Brain } as const;

function SourceItem({ source }: { source: ContextSource }): JSX.Element {
  const { useCodexStore } = useStores();
  const Icon = ICONS[source.type];
  const body = (
    <>
      <Icon size={13} className="ai-sources__icon" aria-hidden="true" />
      <span className="ai-sources__text">
        <span className="ai-sources__label">
          {source.label}
          {source.pinned && (
            <span className="ai-sources__pinned">
              <Pin size={10} aria-hidden="true" /> Pinned
            </span>
          )}
        </span>
        {source.excerpt && <span className="ai-sources__excerpt">{source.excerpt}</span>}
      </span>
    </>
  );
  if (!canOpen(source)) {
    return (
      <li className="ai-sources__item" data-testid="ai-source" data-source-type={source.type}>
        {body}
      </li>
    );
  }
  return (
    <li data-testid="ai-source" data-source-type={source.type}>
      <button
        type="button"
        className="ai-sources__item ai-sources__item--link"
        onClick={() => openSource(source, useCodexStore)}
        aria-label={`Open ${source.type === 'scene' ? 'the scene' : 'the codex entry'} ${source.label}`}
        title={source.excerpt || undefined}
        data-testid="ai-source-open"
      >
        {body}
      </button>
    </li>
  );
}

export interface SourcesDisclosureProps {
  sources: readonly ContextSource[];
  /** Where it is shown, for its test id (`chat-sources`, `ai-sources`). */
  'data-testid'?: string;
}

/**
 * "Sources (3)": what a reply or a suggestion was given from the book and memory, collapsed by
 * default (the WAI-ARIA disclosure pattern: a button with `aria-expanded` controlling the list).
 * A scene opens in the editor, a codex entry in the codex panel.
 */
export function SourcesDisclosure({ sources, 'data-testid': testId = 'ai-sources' }: SourcesDisclosureProps): JSX.Element | null {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (sources.length === 0) return null;
  return (
    <div className={`ai-sources${open ? ' is-open' : ''}`} data-testid={testId}>
      <button
        type="button"
        className="ai-sources__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        data-testid="ai-sources-toggle"
      >
        <ChevronRight size={12} className="ai-sources__chevron" aria-hidden="true" />
        Sources ({sources.length})
      </button>
      {open && (
        <ul id={listId} className="ai-sources__list" aria-label="Sources the AI was given">
          {sources.map((source, index) => (
            <SourceItem key={`${source.type}-${source.id}-${index}`} source={source} />
          ))}
        </ul>
      )}
    </div>
  );
}
