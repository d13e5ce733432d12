import { create } from 'zustand';
import type { AppErrorShape } from '../../../../shared/ipc/errors';
import type { ChatMessage, ChatRoute, ChatSession } from '../../../../shared/models/chat';
import { ApiError, errorMessage, type Api } from '../../lib/api';
import { cancelStream, followStream } from '../../lib/streams';
import type { LiveReply } from './chat-model';
import { streamReply, type ReplyHandle, type ReplyNotice, type ReplyStarted } from './chat-stream';

/** The streamed text of the live reply, apart from everything else so only its bubble re-renders per frame. */
export const createChatLiveTextStore = () => create<{ text: string }>()(() => ({ text: '' }));
export type ChatLiveTextStore = ReturnType<typeof createChatLiveTextStore>;

export interface ChatContext {
  sceneId?: string;
  selection: string;
}

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ChatState {
  projectId: string | null;
  sessions: ChatSession[];
  sessionsStatus: LoadStatus;
  activeId: string | null;
  messages: ChatMessage[];
  messagesStatus: LoadStatus;
  loadError: string | null;
  /** Why the last send or regenerate could not start (no stream, so no message shows it). */
  sendError: AppErrorShape | null;
  /** The question being sent, shown before the core has stored it. */
  pendingUser: string | null;
  live: LiveReply | null;
  /** Who answers the next message: the crew decides (auto), plain chat, an agent's capability or a playbook. */
  route: ChatRoute;
  setRoute(route: ChatRoute): void;
  /** Fallback and retry notices of the reply being streamed, by assistant message id; gone when it ends. */
  notices: Record<string, ReplyNotice[]>;
  load(projectId: string): Promise<void>;
  refreshSessions(): Promise<void>;
  refreshMessages(sessionId: string): Promise<void>;
  select(sessionId: string | null): void;
  create(): Promise<ChatSession | null>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Resolves false when the message could not be sent (the composer keeps the text). */
  send(text: string, context: ChatContext): Promise<boolean>;
  regenerate(): void;
  stop(): void;
  dismissSendError(): void;
}

const toShape = (error: unknown): AppErrorShape =>
  error instanceof ApiError ? { code: error.code, message: error.message, retryable: error.retryable } : { code: 'INTERNAL', message: errorMessage(error), retryable: true };

function withoutNotices(notices: Record<string, ReplyNotice[]>, messageId: string | null | undefined): Record<string, ReplyNotice[]> {
  if (!messageId || !(messageId in notices)) return notices;
  const { [messageId]: _gone, ...rest } = notices;
  return rest;
}

/** The chat panel's sessions and messages; the live reply's text goes to `useChatLiveText`. */
export const createChatStore = (api: Api, useChatLiveText: ChatLiveTextStore) => create<ChatState>()((set, get) => {
  /** The reply being streamed (one at a time) and its handle. */
  let reply: ReplyHandle | null = null;
  /** Coalesces message refreshes: one running per session, and at most one more after it. */
  const refreshing = new Map<string, { again: boolean }>();

  /** Starts a reply (send or regenerate) and streams it into the live slot. */
  const startReply = (sessionId: string, kind: LiveReply['kind'], start: () => Promise<ReplyStarted>): Promise<boolean> => {
    let settle: (started: boolean) => void = () => undefined;
    const taken = new Promise<boolean>((resolve) => (settle = resolve));
    reply?.detach();
    useChatLiveText.setState({ text: '' });
    set({ live: { sessionId, kind, assistantMessageId: null, status: 'streaming', error: null }, sendError: null });
    const isMine = () => get().live?.sessionId === sessionId && reply === handle;
    const handle = streamReply(
      start,
      {
        onStarted: ({ assistantMessageId }) => {
          settle(true);
          if (!isMine()) return;
          set((s) => ({ live: s.live && { ...s.live, assistantMessageId } }));
          void get().refreshMessages(sessionId);
        },
        onText: (text) => {
          if (isMine()) useChatLiveText.setState((s) => ({ text: s.text + text }));
        },
        onResync: (text) => {
          if (isMine()) useChatLiveText.setState({ text });
        },
        onNotice: (notice) => {
          const id = get().live?.assistantMessageId;
          // A trimmed history is already told by the core's note in the conversation itself.
          if (!isMine() || !id || notice.kind === 'trimmed') return;
          set((s) => ({ notices: { ...s.notices, [id]: [...(s.notices[id] ?? []), notice] } }));
        },
        onEnd: (status, error) => {
          if (!isMine()) return;
          const final = status === 'done' ? 'complete' : status === 'cancelled' ? 'cancelled' : 'error';
          // "Trying again…" and "Using … instead" describe the reply while it runs; the stored
          // message then shows which model answered, or the error.
          set((s) => ({ live: s.live && { ...s.live, status: final, error }, notices: withoutNotices(s.notices, s.live?.assistantMessageId) }));
          reply = null;
          void get().refreshMessages(sessionId);
        },
        onFailed: (error) => {
          settle(false);
          if (!isMine()) return;
          reply = null;
          set({ live: null, pendingUser: null, sendError: toShape(error) });
          void get().refreshMessages(sessionId);
        },
      },
      { follow: (handlers) => followStream(api, handlers), cancel: (streamId) => cancelStream(api, streamId) },
    );
    reply = handle;
    return taken;
  };

  return {
    projectId: null,
    sessions: [],
    sessionsStatus: 'idle',
    activeId: null,
    messages: [],
    messagesStatus: 'idle',
    loadError: null,
    sendError: null,
    pendingUser: null,
    live: null,
    route: { kind: 'auto' },
    setRoute: (route) => set({ route }),
    notices: {},

    async load(projectId) {
      if (get().projectId !== projectId) {
        reply?.detach();
        reply = null;
        set({ projectId, sessions: [], activeId: null, messages: [], live: null, pendingUser: null, sendError: null, sessionsStatus: 'loading' });
      }
      await get().refreshSessions();
      const { sessions, activeId } = get();
      if (!activeId || !sessions.some((s) => s.id === activeId)) get().select(sessions[0]?.id ?? null);
    },

    async refreshSessions() {
      const projectId = get().projectId;
      if (!projectId) return;
      try {
        const sessions = await api.call('chat.list', { projectId });
        if (get().projectId === projectId) set({ sessions, sessionsStatus: 'ready', loadError: null });
      } catch (error) {
        if (get().projectId === projectId && get().sessionsStatus !== 'ready') set({ sessionsStatus: 'error', loadError: errorMessage(error) });
      }
    },

    async refreshMessages(sessionId) {
      const running = refreshing.get(sessionId);
      if (running) {
        running.again = true;
        return;
      }
      const slot = { again: false };
      refreshing.set(sessionId, slot);
      try {
        do {
          slot.again = false;
          const messages = await api.call('chat.messages', { sessionId });
          const live = get().live;
          // While the send is in flight the list would show the question twice; the answer to the call refreshes again.
          if (get().activeId !== sessionId || (live?.sessionId === sessionId && !live.assistantMessageId)) continue;
          const caughtUp = live?.sessionId === sessionId && live.status !== 'streaming' && messages.some((m) => m.id === live.assistantMessageId && m.status !== 'streaming');
          set({ messages, messagesStatus: 'ready', pendingUser: live?.assistantMessageId ? null : get().pendingUser, ...(caughtUp && { live: null }) });
        } while (slot.again);
      } catch (error) {
        // A refresh that fails (the connection flickered) keeps the conversation on screen; only a
        // first load that fails has nothing to show but the error.
        if (get().activeId === sessionId && get().messagesStatus !== 'ready') set({ messagesStatus: 'error', loadError: errorMessage(error) });
      } finally {
        refreshing.delete(sessionId);
      }
    },

    select(sessionId) {
      if (get().activeId === sessionId) return;
      set({ activeId: sessionId, messages: [], messagesStatus: sessionId ? 'loading' : 'ready', sendError: null });
      if (sessionId) void get().refreshMessages(sessionId);
    },

    async create() {
      const projectId = get().projectId;
      if (!projectId) return null;
      const session = await api.call('chat.create', { projectId });
      set((s) => ({ sessions: [session, ...s.sessions.filter((x) => x.id !== session.id)] }));
      get().select(session.id);
      return session;
    },

    async rename(id, title) {
      const session = await api.call('chat.rename', { id, title });
      set((s) => ({ sessions: s.sessions.map((x) => (x.id === id ? session : x)) }));
    },

    async remove(id) {
      await api.call('chat.delete', { id });
      if (get().live?.sessionId === id) {
        reply?.detach();
        reply = null;
        set({ live: null });
      }
      const sessions = get().sessions.filter((s) => s.id !== id);
      set({ sessions });
      if (get().activeId === id) get().select(sessions[0]?.id ?? null);
    },

    async send(text, context) {
      let sessionId = get().activeId;
      if (!sessionId) {
        try {
          sessionId = (await get().create())?.id ?? null;
        } catch (error) {
          set({ sendError: toShape(error) });
          return false;
        }
        if (!sessionId) return false;
      }
      set({ pendingUser: text });
      const id = sessionId;
      const route = get().route;
      const ok = await startReply(id, 'send', () => api.call('chat.send', { sessionId: id, text, context, route }));
      // The first message names a new session.
      void get().refreshSessions();
      return ok;
    },

    regenerate() {
      const sessionId = get().activeId;
      if (!sessionId || get().live?.status === 'streaming') return;
      void startReply(sessionId, 'regenerate', () => api.call('chat.regenerate', { sessionId }));
    },

    stop() {
      reply?.stop();
    },

    dismissSendError: () => set({ sendError: null }),
  };
});
export type ChatStore = ReturnType<typeof createChatStore>;
