import type { AppErrorShape } from '../../../../shared/ipc/errors';
import type { ChatMessage, ChatMessageStatus } from '../../../../shared/models/chat';

/** The reply being streamed into the open conversation. */
export interface LiveReply {
  sessionId: string;
  /** A new question, or a new answer to the last one. */
  kind: 'send' | 'regenerate';
  /** Known once the core has answered the call. */
  assistantMessageId: string | null;
  /** streaming until the stream ends; then the stream's outcome until the stored copy catches up. */
  status: ChatMessageStatus;
  error: AppErrorShape | null;
}

/** A message as the list shows it. `live` ones render the streamed text instead of `content`. */
export interface DisplayMessage {
  id: string;
  role: ChatMessage['role'];
  content: string;
  status: ChatMessageStatus;
  model: string | null;
  error: AppErrorShape | null;
  live: boolean;
  /** The scene and selection a question was sent with (regenerate sends them again). */
  context: ChatMessage['context'];
  /** What a reply was given from the book and memory. */
  sources: ChatMessage['sources'];
  /** The agent run a reply started (shown as a run card). */
  runId: string | null;
}

const PENDING_USER = 'pending-user';
const PENDING_REPLY = 'pending-reply';

const shown = (m: ChatMessage): DisplayMessage => ({
  id: m.id,
  role: m.role,
  content: m.content,
  status: m.status,
  model: m.model,
  error: m.error,
  live: false,
  context: m.context,
  sources: m.sources,
  runId: m.runId,
});

/**
 * The conversation as it should look now: the stored messages, with the live reply's text and
 * status laid over its stored copy (which the core writes only every half second), and, until
 * the core has answered the send, the question and an empty reply shown straight away.
 */
export function displayMessages(messages: readonly ChatMessage[], live: LiveReply | null, pendingUser: string | null): DisplayMessage[] {
  let list = messages.map(shown);
  if (!live) return list;
  const stored = live.assistantMessageId ? list.findIndex((m) => m.id === live.assistantMessageId) : -1;
  if (stored >= 0) {
    const message = list[stored]!;
    if (live.status === 'streaming' || message.status === 'streaming') {
      list[stored] = { ...message, status: live.status, error: live.error ?? message.error, live: true };
    }
    return list;
  }
  if (live.kind === 'regenerate') {
    // The core has dropped the old answer; hide it until the new one is listed.
    const lastUser = list.findLastIndex((m) => m.role === 'user');
    list = list.slice(0, lastUser + 1);
  }
  if (pendingUser !== null) {
    list.push({ id: PENDING_USER, role: 'user', content: pendingUser, status: 'complete', model: null, error: null, live: false, context: null, sources: [], runId: null });
  }
  list.push({ id: live.assistantMessageId ?? PENDING_REPLY, role: 'assistant', content: '', status: live.status, model: null, error: live.error, live: true, context: null, sources: [], runId: null });
  return list;
}

/** The last assistant message, which Regenerate replaces. */
export function lastReplyId(messages: readonly DisplayMessage[]): string | null {
  const last = messages.findLast((m) => m.role !== 'note');
  return last?.role === 'assistant' ? last.id : null;
}

/** A short name for a model id such as "openai/gpt-4o-mini". */
export function modelLabel(model: string | null): string | null {
  if (!model) return null;
  const slash = model.indexOf('/');
  return slash >= 0 ? model.slice(slash + 1) : model;
}

/** A one-line preview of a selection for its context chip. */
export function selectionPreview(text: string, max = 48): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
