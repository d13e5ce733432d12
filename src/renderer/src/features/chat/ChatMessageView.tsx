import { Check, CircleAlert, Copy, FileInput, Info, RotateCcw, Settings2, Sparkles } from 'lucide-react';
import { memo, useEffect, useState, type JSX } from 'react';
import type { AppErrorShape } from '../../../../shared/ipc/errors';
import { useStores } from '../../app/services';
import { Button, IconButton, notify, StreamNotice, StreamTail } from '../../ui';
import { offerSuggestion, useInlineAi } from '../inline-ai';
import { needsSettings, openAiSettingsFor } from '../ai-settings/open-for-error';
import { SourcesDisclosure } from '../ai-sources';
import { findScene } from '../outline/outline-model';
import { modelLabel, selectionPreview, type DisplayMessage } from './chat-model';
import { ChatRunCard } from './ChatRunCard';
import type { ChatLiveTextStore } from './chat.store';
import type { ReplyNotice } from './chat-stream';
import { copyText } from './clipboard';

/** The streamed reply: the only element that renders per frame while the text streams in. */
function LiveText({ fallback, streaming }: { fallback: string; streaming: boolean }): JSX.Element {
  const { useChatLiveText } = useStores();
  const live = useChatLiveText((s) => s.text);
  const text = live.length >= fallback.length ? live : fallback;
  return (
    <div className="chat-msg__text">
      {text}
      <StreamTail streaming={streaming} empty={!text} />
    </div>
  );
}

/** The error box (with its own Try again) is shown instead of the plain actions. */
const showsError = (message: DisplayMessage) => message.status === 'error';

const FALLBACK_ERROR: AppErrorShape = { code: 'INTERNAL', message: 'The reply could not be finished. Try again.', retryable: true };

const textOf = (message: DisplayMessage, liveText: ChatLiveTextStore) => {
  if (!message.live) return message.content;
  const live = liveText.getState().text;
  return live.length >= message.content.length ? live : message.content;
};

function ReplyActions({ message, isLast, onRegenerate }: { message: DisplayMessage; isLast: boolean; onRegenerate: () => void }): JSX.Element {
  const { useChatLiveText } = useStores();
  const [copied, setCopied] = useState(false);
  const editorOpen = useInlineAi((s) => s.actions !== null);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 1_500);
    return () => clearTimeout(timer);
  }, [copied]);
  // A run's reply says only that it started: nothing to copy or insert.
  const hasText = !message.runId && (message.content.trim().length > 0 || message.live);
  return (
    <div className="chat-msg__actions">
      {hasText && (
        <>
          <IconButton
            size="sm"
            label={copied ? 'Copied' : 'Copy'}
            icon={copied ? <Check size={14} /> : <Copy size={14} />}
            onClick={() =>
              void copyText(textOf(message, useChatLiveText)).then(
                () => setCopied(true),
                () => notify.error('The clipboard is not available here. Select the text and copy it instead.', { title: 'Could not copy' }),
              )
            }
            data-testid="chat-copy"
          />
          <IconButton
            size="sm"
            label={editorOpen ? 'Insert into manuscript (as a suggestion to review)' : 'Open a scene to insert this into the manuscript'}
            icon={<FileInput size={14} />}
            disabled={!editorOpen}
            onClick={() => offerSuggestion(textOf(message, useChatLiveText))}
            data-testid="chat-insert"
          />
        </>
      )}
      {/* A reply that started a run is not answered again (the run view retries or cancels it). */}
      {isLast && !showsError(message) && !message.runId && (
        <IconButton size="sm" label="Regenerate" icon={<RotateCcw size={14} />} onClick={onRegenerate} data-testid="chat-regenerate" />
      )}
    </div>
  );
}

function MessageError({ message, isLast, onRegenerate }: { message: DisplayMessage; isLast: boolean; onRegenerate: () => void }): JSX.Element | null {
  const openSettings = openAiSettingsFor;
  const error = message.error ?? (message.status === 'error' ? FALLBACK_ERROR : null);
  // A stop is the writer's own doing: the "Stopped" tag says it, not an error box.
  if (!error || message.status === 'cancelled' || error.code === 'CANCELLED') return null;
  return (
    <div className="chat-error" role="alert" data-testid="chat-error" data-code={error.code}>
      <CircleAlert size={15} aria-hidden="true" />
      <div className="chat-error__body">
        <span>{error.message}</span>
        <div className="chat-error__actions">
          {needsSettings(error) && (
            <Button size="sm" icon={<Settings2 size={13} />} onClick={() => openSettings(error.code)} data-testid="chat-open-settings">
              Open AI settings
            </Button>
          )}
          {isLast && (
            <Button size="sm" variant="ghost" icon={<RotateCcw size={13} />} onClick={onRegenerate} data-testid="chat-retry">
              Try again
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

/** What went with a question: the scene and the selected text (sent again on regenerate). */
function SentContext({ sceneId, selection }: { sceneId: string | null; selection: string }): JSX.Element | null {
  const { useOutline } = useStores();
  const title = useOutline((s) => (sceneId && s.outline ? (findScene(s.outline, sceneId)?.scene.title ?? null) : null));
  if (!sceneId && !selection) return null;
  const parts = [sceneId ? `the scene ${title ? `“${title}”` : '(no longer in the outline)'}` : null, selection ? `the selection “${selectionPreview(selection, 40)}”` : null];
  return (
    <div className="chat-msg__context" data-testid="chat-message-context" title={selection || undefined}>
      With {parts.filter(Boolean).join(' and ')}
    </div>
  );
}

export interface ChatMessageViewProps {
  message: DisplayMessage;
  notices: readonly ReplyNotice[] | undefined;
  /** The last reply: it can be regenerated. */
  isLast: boolean;
  onRegenerate(): void;
}

/** One message: the writer's (right), the assistant's (left, with its actions) or a note from the app (centred). */
export const ChatMessageView = memo(function ChatMessageView({ message, notices, isLast, onRegenerate }: ChatMessageViewProps): JSX.Element {
  const common = { 'data-testid': 'chat-message', 'data-role': message.role, 'data-status': message.status, 'data-message-id': message.id };
  if (message.role === 'note') {
    return (
      <div className="chat-msg chat-msg--note" {...common}>
        <Info size={13} aria-hidden="true" />
        <span>{message.content}</span>
      </div>
    );
  }
  if (message.role === 'user') {
    return (
      <div className="chat-msg chat-msg--user" {...common}>
        <div className="chat-msg__bubble">{message.content}</div>
        {message.context && <SentContext sceneId={message.context.sceneId} selection={message.context.selection} />}
      </div>
    );
  }
  const streaming = message.status === 'streaming';
  const model = modelLabel(message.model);
  return (
    <div className="chat-msg chat-msg--assistant" aria-busy={streaming || undefined} {...common}>
      <div className="chat-msg__head">
        <span className="chat-msg__avatar" aria-hidden="true">
          <Sparkles size={12} />
        </span>
        <span className="chat-msg__who">Assistant</span>
        {model && <span className="chat-msg__model" title={message.model ?? undefined}>{model}</span>}
        {message.status === 'cancelled' && <span className="chat-msg__tag" data-testid="chat-stopped">Stopped</span>}
      </div>
      {notices?.map((notice, index) => (
        <StreamNotice key={index} message={notice.message} kind={notice.kind} data-testid="chat-notice" />
      ))}
      {message.live ? <LiveText fallback={message.content} streaming={streaming} /> : message.content && <div className="chat-msg__text">{message.content}</div>}
      {message.runId && <ChatRunCard runId={message.runId} />}
      <SourcesDisclosure sources={message.sources} data-testid="chat-sources" />
      <MessageError message={message} isLast={isLast} onRegenerate={onRegenerate} />
      {!streaming && <ReplyActions message={message} isLast={isLast} onRegenerate={onRegenerate} />}
    </div>
  );
});
