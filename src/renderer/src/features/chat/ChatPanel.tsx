import { MessagesSquare } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/services';
import { Button, EmptyState, Spinner } from '../../ui';
import { useEditorSelection } from '../editor';
import { findScene } from '../outline/outline-model';
import { useNavigation } from '../project/navigation.store';
import { displayMessages, lastReplyId } from './chat-model';
import { ChatComposer, selectionChipLabel, type ContextChip } from './ChatComposer';
import { ChatMessageView } from './ChatMessageView';
import { ChatSessionBar } from './ChatSessionBar';
import { useChatSync } from './use-chat-sync';
import '../../ui/panel.css';
import './chat.css';

const STARTERS = ['What could go wrong for my hero in this scene?', 'Suggest five names for a harbour town.', 'How can I make this opening hook harder?'];

/** The scene and selection sent as context, each shown as a chip the writer can remove. */
function useChatContext() {
  const { useOutline } = useStores();
  const sceneId = useNavigation((s) => s.sceneId);
  const outline = useOutline((s) => s.outline);
  const selection = useEditorSelection((s) => (s.sceneId === sceneId ? s.text : ''));
  const [dismissed, setDismissed] = useState<{ scene: string | null; selection: string | null }>({ scene: null, selection: null });
  const sceneTitle = sceneId && outline ? (findScene(outline, sceneId)?.scene.title ?? 'Open scene') : null;
  const withScene = sceneId !== null && dismissed.scene !== sceneId;
  const withSelection = selection.trim().length > 0 && dismissed.selection !== selection;
  const chips: ContextChip[] = [];
  if (withScene && sceneTitle) {
    chips.push({ id: 'scene', label: sceneTitle, title: 'The open scene’s summary goes with your message', onRemove: () => setDismissed((d) => ({ ...d, scene: sceneId })) });
  }
  if (withSelection) {
    chips.push({ id: 'selection', label: selectionChipLabel(selection), title: 'The text you selected goes with your message', onRemove: () => setDismissed((d) => ({ ...d, selection })) });
  }
  const context = { ...(withScene && sceneId ? { sceneId } : {}), selection: withSelection ? selection : '' };
  return { chips, context };
}

/** Keeps the newest message in view while the writer is at the bottom; leaves them be when they scroll up. */
function useStickToBottom(scrollRef: RefObject<HTMLDivElement | null>, contentRef: RefObject<HTMLDivElement | null>) {
  const stick = useRef(true);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return undefined;
    const onScroll = () => {
      stick.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 60;
    };
    const observer = new ResizeObserver(() => {
      if (stick.current) scroller.scrollTop = scroller.scrollHeight;
    });
    observer.observe(content);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      scroller.removeEventListener('scroll', onScroll);
    };
  }, [scrollRef, contentRef]);
  return useCallback(() => {
    stick.current = true;
    const scroller = scrollRef.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [scrollRef]);
}

/** Chat with the assistant about the project: conversations, streamed replies, context from the editor. */
export function ChatPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useChat, useChatLiveText } = useStores();
  useChatSync(projectId);
  const { messages, live, pendingUser, notices, status, activeId, loadError, sessionsStatus } = useChat(
    useShallow((s) => ({
      messages: s.messages,
      live: s.live?.sessionId === s.activeId ? s.live : null,
      pendingUser: s.pendingUser,
      notices: s.notices,
      status: s.messagesStatus,
      activeId: s.activeId,
      loadError: s.loadError,
      sessionsStatus: s.sessionsStatus,
    })),
  );
  const shown = useMemo(() => displayMessages(messages, live, pendingUser), [messages, live, pendingUser]);
  const lastReply = lastReplyId(shown);
  const streaming = live?.status === 'streaming';
  const { chips, context } = useChatContext();
  const [draft, setDraft] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const toBottom = useStickToBottom(scrollRef, contentRef);

  const focusInput = useCallback(() => inputRef.current?.focus(), []);
  useEffect(() => focusInput(), [activeId, focusInput]);

  const send = () => {
    const text = draft.trim();
    if (!text || streaming) return;
    setDraft('');
    toBottom();
    void useChat
      .getState()
      .send(text, context)
      .then((ok) => {
        // Not sent: give the text back, unless the writer has typed something new meanwhile.
        if (!ok) setDraft((current) => current || text);
      });
  };

  const regenerate = useCallback(() => {
    useChatLiveText.setState({ text: '' });
    toBottom();
    useChat.getState().regenerate();
  }, [toBottom, useChat, useChatLiveText]);

  const loading = sessionsStatus === 'loading' || (activeId !== null && status === 'loading');
  return (
    <div className="ui-panel chat-panel" data-testid="chat-panel">
      <ChatSessionBar onFocusInput={focusInput} />
      <div className="ui-panel__body chat-panel__scroll" ref={scrollRef}>
        <div className="chat-panel__messages" ref={contentRef} role="log" aria-live="polite" aria-label="Conversation">
          {loading ? (
            <div className="ui-panel__center">
              <Spinner label="Loading the chat…" />
            </div>
          ) : status === 'error' || sessionsStatus === 'error' ? (
            <EmptyState size="sm" title="The chat could not be loaded" action={<Button onClick={() => void useChat.getState().load(projectId)}>Try again</Button>}>
              {loadError}
            </EmptyState>
          ) : shown.length === 0 ? (
            <EmptyState size="sm" icon={<MessagesSquare size={22} />} title="Talk through your story" data-testid="chat-empty">
              <p>Ask about plot, characters or a passage. The open scene and any text you select go along, so the assistant knows what you mean.</p>
              <div className="chat-starters">
                {STARTERS.map((starter) => (
                  <button key={starter} type="button" className="chat-starter" onClick={() => (setDraft(starter), inputRef.current?.focus())}>
                    {starter}
                  </button>
                ))}
              </div>
            </EmptyState>
          ) : (
            shown.map((message) => (
              <ChatMessageView
                key={message.id}
                message={message}
                // Notices describe a reply while it streams, never one that has ended.
                notices={message.live && message.status === 'streaming' ? notices[message.id] : undefined}
                isLast={message.id === lastReply && !streaming}
                onRegenerate={regenerate}
              />
            ))
          )}
        </div>
      </div>
      <ChatComposer value={draft} onChange={setDraft} onSend={send} chips={chips} streaming={streaming} inputRef={inputRef} />
    </div>
  );
}
