import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { AppErrorShape } from '../../../shared/ipc/errors';
import type { ChatMessage, ChatMessageStatus, ChatRole, ChatSession } from '../../../shared/models/chat';
import { contextSourcesSchema, type ContextSource } from '../../../shared/models/context-source';
import type { Db } from '../db/connection';
import { nextSortKey } from '../db/sort-key';
import { chatMessages, chatSessions } from '../db/schema';

type SessionRow = typeof chatSessions.$inferSelect;
type MessageRow = typeof chatMessages.$inferSelect;

function toSession(row: SessionRow): ChatSession {
  return { id: row.id, projectId: row.projectId, title: row.title, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** A stored message as the contract's; `seq` is its ordinal in the session's (sort_key, id) order. */
function toMessage(row: MessageRow, seq: number): ChatMessage {
  return {
    id: row.id,
    sessionId: row.sessionId,
    seq,
    role: row.role as ChatRole,
    content: row.content,
    status: row.status as ChatMessageStatus,
    model: row.model,
    error: row.error === null ? null : (JSON.parse(row.error) as AppErrorShape),
    context: row.role === 'user' ? { sceneId: row.contextSceneId, selection: row.contextSelection ?? '' } : null,
    sources: parseSources(row.sources),
    runId: row.runId,
    createdAt: row.createdAt,
  };
}

/** A row's sources; a value that does not parse (written by a later release, say) shows none rather than failing the chat. */
function parseSources(json: string | null): ContextSource[] {
  if (json === null) return [];
  try {
    const parsed = contextSourcesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** What the sources column holds: JSON, or null for none. */
export function sourcesColumn(sources: readonly ContextSource[] | undefined): string | null {
  return sources && sources.length > 0 ? JSON.stringify(sources) : null;
}

/** Storage of chat sessions and their messages. */
export function createChatRepo(db: Db) {
  return {
    insertSession(row: typeof chatSessions.$inferInsert): ChatSession {
      db.insert(chatSessions).values(row).run();
      return toSession(db.select().from(chatSessions).where(eq(chatSessions.id, row.id)).get() as SessionRow);
    },
    findLiveSession(id: string): ChatSession | undefined {
      const row = db
        .select()
        .from(chatSessions)
        .where(and(eq(chatSessions.id, id), isNull(chatSessions.deletedAt)))
        .get();
      return row ? toSession(row) : undefined;
    },
    listSessions(projectId: string): ChatSession[] {
      return db
        .select()
        .from(chatSessions)
        .where(and(eq(chatSessions.projectId, projectId), isNull(chatSessions.deletedAt)))
        .orderBy(desc(chatSessions.updatedAt))
        .all()
        .map(toSession);
    },
    updateSession(id: string, changes: { title?: string; deletedAt?: number }, now: number): void {
      db.update(chatSessions)
        .set({ ...changes, updatedAt: now })
        .where(eq(chatSessions.id, id))
        .run();
    },
    /** A session's messages in order: by creation key, then id (the same on every device). */
    listMessages(sessionId: string): ChatMessage[] {
      return db
        .select()
        .from(chatMessages)
        .where(eq(chatMessages.sessionId, sessionId))
        .orderBy(asc(chatMessages.sortKey), asc(chatMessages.id))
        .all()
        .map((row, index) => toMessage(row, index));
    },
    /**
     * Adds a message after every message of the session this device has: its key is made from
     * `createdAt` and the newest key (db/sort-key.ts), so a reply never sorts before its question
     * even if the clock went back, and a message appended on another device never collides.
     */
    appendMessage(row: Omit<typeof chatMessages.$inferInsert, 'sortKey'>): ChatMessage {
      const newest = db
        .select({ sortKey: chatMessages.sortKey })
        .from(chatMessages)
        .where(eq(chatMessages.sessionId, row.sessionId))
        .orderBy(desc(chatMessages.sortKey), desc(chatMessages.id))
        .limit(1)
        .get();
      db.insert(chatMessages)
        .values({ ...row, sortKey: nextSortKey(row.createdAt, newest?.sortKey) })
        .run();
      const before = db.select({ n: count() }).from(chatMessages).where(eq(chatMessages.sessionId, row.sessionId)).get()?.n ?? 1;
      return toMessage(db.select().from(chatMessages).where(eq(chatMessages.id, row.id)).get() as MessageRow, before - 1);
    },
    updateMessage(id: string, changes: { content?: string; status?: ChatMessageStatus; model?: string | null; error?: AppErrorShape | null }): void {
      const { error, ...rest } = changes;
      db.update(chatMessages)
        .set({ ...rest, ...(error !== undefined && { error: error === null ? null : JSON.stringify(error) }) })
        .where(eq(chatMessages.id, id))
        .run();
    },
    deleteMessages(ids: readonly string[]): void {
      for (const id of ids) db.delete(chatMessages).where(eq(chatMessages.id, id)).run();
    },
    /** Messages left "streaming" by a crash or quit: they are finished as cancelled at start. */
    closeDanglingStreams(): number {
      return db.update(chatMessages).set({ status: 'cancelled' }).where(eq(chatMessages.status, 'streaming')).run().changes;
    },
  };
}

export type ChatRepo = ReturnType<typeof createChatRepo>;
