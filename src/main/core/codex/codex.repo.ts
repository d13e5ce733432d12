import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { CodexEntry } from '../../../shared/models/codex';
import type { Db } from '../db/connection';
import { codexEntries, codexVersions } from '../db/schema';

export type CodexRow = typeof codexEntries.$inferSelect;

/** The stored row as the contract's entry: aliases and profile are kept as JSON text. */
export function toCodexEntry(row: CodexRow): CodexEntry {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as CodexEntry['kind'],
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    description: row.description,
    profile: JSON.parse(row.profile) as Record<string, string>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The writable fields of an entry, before they are turned into columns. */
export interface CodexFields {
  kind?: string | undefined;
  name?: string | undefined;
  aliases?: string[] | undefined;
  description?: string | undefined;
  profile?: Record<string, string> | undefined;
}

function toColumns(fields: CodexFields) {
  return {
    ...(fields.kind !== undefined && { kind: fields.kind }),
    ...(fields.name !== undefined && { name: fields.name }),
    ...(fields.description !== undefined && { description: fields.description }),
    ...(fields.aliases !== undefined && { aliases: JSON.stringify(fields.aliases) }),
    ...(fields.profile !== undefined && { profile: JSON.stringify(fields.profile) }),
  };
}

/** Storage of codex entries. Reads skip the trash unless they say otherwise. */
export function createCodexRepo(db: Db) {
  const versionStatement = db.select({ version: codexVersions.version }).from(codexVersions).where(eq(codexVersions.projectId, sql.placeholder('projectId'))).prepare();
  const hasLiveStatement = db
    .select({ id: codexEntries.id })
    .from(codexEntries)
    .where(and(eq(codexEntries.projectId, sql.placeholder('projectId')), isNull(codexEntries.deletedAt)))
    .limit(1)
    .prepare();
  return {
    insert(row: { id: string; projectId: string; kind: string; name: string } & CodexFields & { createdAt: number; updatedAt: number }): void {
      const { id, projectId, createdAt, updatedAt, ...fields } = row;
      db.insert(codexEntries)
        .values({ id, projectId, createdAt, updatedAt, kind: row.kind, name: row.name, ...toColumns(fields) })
        .run();
    },
    findLive(id: string): CodexRow | undefined {
      return db
        .select()
        .from(codexEntries)
        .where(and(eq(codexEntries.id, id), isNull(codexEntries.deletedAt)))
        .get();
    },
    findAny(id: string): CodexRow | undefined {
      return db.select().from(codexEntries).where(eq(codexEntries.id, id)).get();
    },
    /** The project's codex version: bumped (by triggers) on every write to its entries; 0 before the first. */
    version(projectId: string): number {
      return versionStatement.get({ projectId })?.version ?? 0;
    },
    /** Whether a project has a live entry (one indexed row read, not the whole codex). */
    hasLive(projectId: string): boolean {
      return hasLiveStatement.get({ projectId }) !== undefined;
    },
    /** Live entries of a project, unordered: the service sorts them by kind and name. */
    listLive(projectId: string): CodexRow[] {
      return db
        .select()
        .from(codexEntries)
        .where(and(eq(codexEntries.projectId, projectId), isNull(codexEntries.deletedAt)))
        .all();
    },
    /** Trashed entries of a project, most recently deleted first. */
    listTrashed(projectId: string): CodexRow[] {
      return db
        .select()
        .from(codexEntries)
        .where(and(eq(codexEntries.projectId, projectId), isNotNull(codexEntries.deletedAt)))
        .orderBy(desc(codexEntries.deletedAt))
        .all();
    },
    update(id: string, fields: CodexFields, now: number): void {
      db.update(codexEntries)
        .set({ ...toColumns(fields), updatedAt: now })
        .where(eq(codexEntries.id, id))
        .run();
    },
    setDeleted(id: string, deletedAt: number | null): void {
      db.update(codexEntries).set({ deletedAt }).where(eq(codexEntries.id, id)).run();
    },
    /** Permanently removes the trashed entries of a project; returns how many went. */
    purgeTrashed(projectId: string): number {
      return db
        .delete(codexEntries)
        .where(and(eq(codexEntries.projectId, projectId), isNotNull(codexEntries.deletedAt)))
        .run().changes;
    },
  };
}

export type CodexRepo = ReturnType<typeof createCodexRepo>;
