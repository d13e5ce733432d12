import { ChevronDown, MessageSquare, Pencil, SquarePen, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { ChatSession } from '../../../../shared/models/chat';
import { Limits } from '../../../../shared/models/common';
import { useStores } from '../../app/services';
import { ConfirmDialog, formatRelativeTime, IconButton, notify } from '../../ui';

function RenameField({ session, onDone }: { session: ChatSession; onDone: () => void }): JSX.Element {
  const { useChat } = useStores();
  const [title, setTitle] = useState(session.title);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.select(), []);
  const save = () => {
    const next = title.trim();
    onDone();
    if (!next || next === session.title) return;
    useChat
      .getState()
      .rename(session.id, next)
      .catch((error: unknown) => notify.error(error, { title: 'Could not rename the chat' }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter') save();
    else if (event.key === 'Escape') onDone();
  };
  return (
    <input
      ref={ref}
      className="ui-input chat-session__rename"
      value={title}
      maxLength={Limits.title}
      aria-label="Chat name"
      onChange={(event) => setTitle(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={save}
      data-testid="chat-session-rename-input"
    />
  );
}

interface SessionListProps {
  sessions: readonly ChatSession[];
  activeId: string | null;
  onPick(id: string): void;
  onDelete(session: ChatSession): void;
}

function SessionList({ sessions, activeId, onPick, onDelete }: SessionListProps): JSX.Element {
  const [renaming, setRenaming] = useState<string | null>(null);
  if (sessions.length === 0) return <p className="chat-sessions__empty">No chats yet. Your first message starts one.</p>;
  return (
    <ul className="chat-sessions__list" aria-label="Chats">
      {sessions.map((session) => (
        <li
          key={session.id}
          className={`chat-session${session.id === activeId ? ' is-active' : ''}`}
          data-testid="chat-session"
          data-session-id={session.id}
          data-active={session.id === activeId}
        >
          {renaming === session.id ? (
            <RenameField session={session} onDone={() => setRenaming(null)} />
          ) : (
            <>
              <button type="button" className="chat-session__main" onClick={() => onPick(session.id)} aria-current={session.id === activeId || undefined}>
                <MessageSquare size={14} aria-hidden="true" />
                <span className="chat-session__title">{session.title}</span>
                <span className="chat-session__time">{formatRelativeTime(session.updatedAt)}</span>
              </button>
              <span className="chat-session__actions">
                <IconButton size="sm" label="Rename" icon={<Pencil size={13} />} onClick={() => setRenaming(session.id)} data-testid="chat-session-rename" />
                <IconButton size="sm" label="Delete" icon={<Trash2 size={13} />} onClick={() => onDelete(session)} data-testid="chat-session-delete" />
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The chat's top bar: which conversation is open (a list to switch, rename, delete) and New chat. */
export function ChatSessionBar({ onFocusInput }: { onFocusInput: () => void }): JSX.Element {
  const { useChat } = useStores();
  const sessions = useChat((s) => s.sessions);
  const activeId = useChat((s) => s.activeId);
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState<ChatSession | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const active = sessions.find((s) => s.id === activeId);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer, true);
    return () => document.removeEventListener('mousedown', onPointer, true);
  }, [open]);

  const newChat = () => {
    setOpen(false);
    const chat = useChat.getState();
    // The open chat is still empty: use it rather than pile up empty ones.
    if (chat.activeId && chat.messages.length === 0 && !chat.live && chat.messagesStatus === 'ready') {
      onFocusInput();
      return;
    }
    useChat
      .getState()
      .create()
      .catch((error: unknown) => notify.error(error, { title: 'Could not start a chat' }));
  };

  const remove = async (session: ChatSession) => {
    setBusy(true);
    try {
      await useChat.getState().remove(session.id);
      setDeleting(null);
    } catch (error) {
      notify.error(error, { title: 'Could not delete the chat' });
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
  };

  return (
    <div className="chat-bar" ref={ref} onKeyDown={onKeyDown}>
      <button
        type="button"
        className="chat-bar__switch"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
        title="Your chats"
        data-testid="chat-sessions-toggle"
      >
        <span className="chat-bar__title">{active?.title ?? 'New chat'}</span>
        <span className="chat-bar__count">{sessions.length > 1 ? sessions.length : ''}</span>
        <ChevronDown size={14} aria-hidden="true" className={open ? 'is-open' : undefined} />
      </button>
      <IconButton label="New chat" icon={<SquarePen size={16} />} onClick={newChat} data-testid="chat-new" />
      {open && (
        <div className="chat-sessions" data-testid="chat-sessions">
          <SessionList
            sessions={sessions}
            activeId={activeId}
            onPick={(id) => {
              useChat.getState().select(id);
              setOpen(false);
            }}
            onDelete={(session) => {
              setOpen(false);
              setDeleting(session);
            }}
          />
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this chat?"
        confirmLabel="Delete"
        danger
        busy={busy}
        data-testid="chat-delete-confirm"
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
        message={deleting && <p>“{deleting.title}” and its messages will be deleted. Your manuscript is not changed.</p>}
      />
    </div>
  );
}
