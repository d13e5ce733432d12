import { ArrowUp, CircleAlert, FileText, Settings2, Square, TextQuote, X } from 'lucide-react';
import { useLayoutEffect, useRef, type JSX, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { Limits } from '../../../../shared/models/common';
import { useStores } from '../../app/services';
import { Button, IconButton, useToastAvoid } from '../../ui';
import { needsSettings, openAiSettingsFor } from '../ai-settings/open-for-error';
import { selectionPreview } from './chat-model';
import { CrewPicker } from './CrewPicker';
import './chat-composer.css';

/** A piece of context sent with the message; the writer can take it out. */
export interface ContextChip {
  id: 'scene' | 'selection';
  label: string;
  title: string;
  onRemove(): void;
}

const CHIP_ICONS: Record<ContextChip['id'], ReactNode> = {
  scene: <FileText size={12} aria-hidden="true" />,
  selection: <TextQuote size={12} aria-hidden="true" />,
};

/** Builds the selection chip's label. */
export function selectionChipLabel(text: string): string {
  return `“${selectionPreview(text, 36)}”`;
}

function SendError(): JSX.Element | null {
  const { useChat } = useStores();
  const error = useChat((s) => s.sendError);
  const openSettings = openAiSettingsFor;
  if (!error) return null;
  return (
    <div className="chat-error chat-error--composer" role="alert" data-testid="chat-error" data-code={error.code}>
      <CircleAlert size={15} aria-hidden="true" />
      <div className="chat-error__body">
        <span>{error.message}</span>
        {needsSettings(error) && (
          <div className="chat-error__actions">
            <Button size="sm" icon={<Settings2 size={13} />} onClick={() => openSettings(error.code)} data-testid="chat-open-settings">
              Open AI settings
            </Button>
          </div>
        )}
      </div>
      <IconButton size="sm" label="Dismiss" icon={<X size={13} />} onClick={() => useChat.getState().dismissSendError()} />
    </div>
  );
}

export interface ChatComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(): void;
  chips: readonly ContextChip[];
  streaming: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** Where the writer types: context chips, the message box (Enter sends, Shift+Enter new line), Send or Stop. */
export function ChatComposer({ value, onChange, onSend, chips, streaming, inputRef }: ChatComposerProps): JSX.Element {
  const { useChat } = useStores();
  const boxRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // Toasts stay off the box the writer types in.
  useToastAvoid(rootRef);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    // Grow with the text up to a limit, then scroll.
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  }, [value, inputRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (!streaming) onSend();
    }
  };
  const canSend = value.trim().length > 0 && !streaming;

  return (
    <div className="chat-composer" ref={rootRef} data-testid="chat-composer">
      <SendError />
      <div className="chat-composer__box" ref={boxRef} onMouseDown={(event) => event.target === boxRef.current && (event.preventDefault(), inputRef.current?.focus())}>
        {chips.length > 0 && (
          <div className="chat-chips" aria-label="Sent with your message">
            {chips.map((chip) => (
              <span key={chip.id} className={`chat-chip chat-chip--${chip.id}`} title={chip.title} data-testid={`chat-context-${chip.id}`}>
                {CHIP_ICONS[chip.id]}
                <span className="chat-chip__label">{chip.label}</span>
                <button type="button" className="chat-chip__remove" aria-label={`Don’t include ${chip.id === 'scene' ? 'the scene' : 'the selection'}`} onClick={chip.onRemove} data-testid={`chat-context-${chip.id}-remove`}>
                  <X size={11} />
                </button>
              </span>
            ))}
          </div>
        )}
        <textarea
          ref={inputRef}
          className="chat-composer__input"
          rows={1}
          value={value}
          maxLength={Limits.longText}
          placeholder="Ask about your story…"
          aria-label="Message"
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          data-testid="chat-input"
        />
        <div className="chat-composer__row">
          <CrewPicker />
          <span className="chat-composer__hint">Enter to send · Shift+Enter for a new line</span>
          {streaming ? (
            <button type="button" className="chat-composer__send chat-composer__send--stop" onClick={() => useChat.getState().stop()} aria-label="Stop" title="Stop the reply" data-testid="chat-stop">
              <Square size={12} fill="currentColor" />
            </button>
          ) : (
            <button type="button" className="chat-composer__send" disabled={!canSend} onClick={onSend} aria-label="Send" title="Send (Enter)" data-testid="chat-send">
              <ArrowUp size={16} />
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
