import { Check, CircleAlert, Pencil, RotateCcw, Settings2, Sparkles, Square, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, type JSX, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { hasMod, shortcutLabel } from '../../app/platform';
import { Button, Spinner, StreamNotice, StreamTail } from '../../ui';
import { needsSettings, openAiSettingsFor } from '../ai-settings/open-for-error';
import { SourcesDisclosure } from '../ai-sources';
import { acceptHint, sourceLabel } from './ai-actions';
import { useInlineAi } from './inline-ai.store';
import { canAccept, canEdit } from './suggestion-machine';

/** The streamed text: the only part that renders per frame while a suggestion streams. */
function SuggestionText(): JSX.Element {
  const text = useInlineAi((s) => s.suggestion.text);
  const streaming = useInlineAi((s) => s.suggestion.phase === 'streaming');
  return (
    <div className="ai-card__text" data-testid="ai-suggestion-text" aria-live="polite">
      {text}
      <StreamTail streaming={streaming} empty={!text} />
    </div>
  );
}

function SuggestionEditor(): JSX.Element {
  const text = useInlineAi((s) => s.suggestion.text);
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight + 2}px`;
  }, [text]);
  useEffect(() => ref.current?.focus(), []);
  return (
    <textarea
      ref={ref}
      className="ai-card__editor"
      value={text}
      aria-label="Edit the suggestion"
      onChange={(event) => useInlineAi.getState().dispatch({ type: 'change', text: event.target.value })}
      data-testid="ai-suggestion-text"
    />
  );
}

function StatusLine(): JSX.Element | null {
  const phase = useInlineAi((s) => s.suggestion.phase);
  if (phase === 'streaming') return <Spinner size={13} label="Writing…" />;
  if (phase === 'stopped') return <span className="ai-card__tag">Stopped</span>;
  return null;
}

/**
 * The preview of a suggestion, drawn inside the page where its text would go. Nothing in the
 * manuscript changes until Accept; Discard (or Escape) leaves the text exactly as it was.
 */
export function SuggestionCard(): JSX.Element {
  // Only what changes a few times per suggestion; the text itself is read by SuggestionText.
  const { phase, source, notices, error, editing, acceptable, editable, hasText } = useInlineAi(
    useShallow(({ suggestion: s }) => ({
      phase: s.phase,
      source: s.source,
      notices: s.notices,
      error: s.error,
      editing: s.editing,
      acceptable: canAccept(s),
      editable: canEdit(s),
      hasText: s.text.length > 0,
    })),
  );
  const actions = useInlineAi((s) => s.actions);
  const sources = useInlineAi((s) => s.suggestion.sources);
  const openSettings = openAiSettingsFor;
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      actions?.reject();
    } else if (event.key === 'Enter' && hasMod(event) && acceptable) {
      event.preventDefault();
      actions?.accept();
    }
  };

  return (
    <div
      ref={ref}
      className={`ai-card ai-card--${phase}`}
      role="group"
      aria-label={`AI suggestion: ${sourceLabel(source)}`}
      onKeyDown={onKeyDown}
      // A click on a button keeps the caret in the text, so typing and Escape go on working there.
      onMouseDown={(event) => (event.target as HTMLElement).closest('button') && event.preventDefault()}
      data-testid="ai-suggestion"
      data-phase={phase}
    >
      <div className="ai-card__head">
        <Sparkles size={14} className="ai-card__spark" aria-hidden="true" />
        <span className="ai-card__title">{sourceLabel(source)}</span>
        <StatusLine />
      </div>
      {notices.map((notice, index) => (
        <StreamNotice key={index} message={notice.message} kind={notice.kind} data-testid="ai-notice" />
      ))}
      {editing ? <SuggestionEditor /> : (phase !== 'failed' || hasText) && <SuggestionText />}
      {error && (
        <div className="ai-card__error" role="alert" data-testid="ai-error" data-code={error.code}>
          <CircleAlert size={15} aria-hidden="true" />
          <span>{error.message}</span>
        </div>
      )}
      <SourcesDisclosure sources={sources} data-testid="ai-suggestion-sources" />
      <div className="ai-card__actions">
        {phase === 'streaming' ? (
          <Button size="sm" icon={<Square size={12} />} onClick={() => actions?.stop()} data-testid="ai-stop">
            Stop
          </Button>
        ) : (
          <>
            {acceptable && (
              <Button size="sm" variant="primary" icon={<Check size={14} />} title={`${acceptHint(source)} (${shortcutLabel('Mod+Enter')})`} onClick={() => actions?.accept()} data-testid="ai-accept">
                Accept
              </Button>
            )}
            {editable && (
              <Button size="sm" icon={<Pencil size={13} />} onClick={() => actions?.edit()} data-testid="ai-edit">
                Edit
              </Button>
            )}
            {phase === 'failed' && source !== 'chat' && (
              <Button size="sm" icon={<RotateCcw size={13} />} onClick={() => actions?.retry()} data-testid="ai-retry">
                Try again
              </Button>
            )}
            {error && needsSettings(error) && (
              <Button size="sm" icon={<Settings2 size={13} />} onClick={() => openSettings(error.code)} data-testid="ai-open-settings">
                Open AI settings
              </Button>
            )}
          </>
        )}
        <Button size="sm" variant="ghost" icon={<X size={14} />} title="Discard (Esc)" onClick={() => actions?.reject()} data-testid="ai-reject">
          Discard
        </Button>
        <span className="ai-card__keys">{acceptable ? `${shortcutLabel('Mod+Enter')} accept · Esc discard` : 'Esc discard'}</span>
      </div>
    </div>
  );
}
