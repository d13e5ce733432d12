import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { promptDefinitionSchema, type PromptAuditEntry, type PromptVersion } from '../../../shared/models/prompts';
import type { Db } from '../db/connection';
import { promptAudit, promptPins, promptUpdateChoices, promptVersions } from '../db/schema';

/** A stored version with its number: its place (1, 2, …) in the prompt's (sort_key, id) order. */
export type PromptVersionRow = typeof promptVersions.$inferSelect & { version: number };

/** A stored row as the contract's version; the definition is kept as JSON text. */
export function toPromptVersion(row: PromptVersionRow): PromptVersion {
  return {
    promptId: row.promptId,
    version: row.version,
    hash: row.hash,
    source: row.source === 'builtin' ? 'builtin' : 'user',
    createdAt: row.createdAt,
    definition: promptDefinitionSchema.parse(JSON.parse(row.definition)),
  };
}

/** An audit entry as stored: the versions it went from and to are ids, numbered when read. */
export type AuditInsert = Omit<PromptAuditEntry, 'fromVersion' | 'toVersion'> & {
  id: string;
  promptId: string;
  fromVersionId: string | null;
  toVersionId: string | null;
};

/**
 * Storage of prompt versions (append-only), pins and the audit trail. Pins, update choices and
 * audit entries name versions by id, so a version another device adds in between (which shifts
 * the numbers) never makes them point at another version.
 */
export function createPromptRepo(db: Db) {
  const repo = {
    insertVersion(row: typeof promptVersions.$inferInsert): void {
      db.insert(promptVersions).values(row).run();
    },
    /** Versions of a prompt, oldest first, numbered from 1. */
    versions(promptId: string): PromptVersionRow[] {
      return db
        .select()
        .from(promptVersions)
        .where(eq(promptVersions.promptId, promptId))
        .orderBy(asc(promptVersions.sortKey), asc(promptVersions.id))
        .all()
        .map((row, index) => ({ ...row, version: index + 1 }));
    },
    findVersion(promptId: string, version: number): PromptVersionRow | undefined {
      return repo.versions(promptId)[version - 1];
    },
    findById(promptId: string, id: string | null | undefined): PromptVersionRow | undefined {
      return id ? repo.versions(promptId).find((row) => row.id === id) : undefined;
    },
    latest(promptId: string): PromptVersionRow | undefined {
      return repo.versions(promptId).at(-1);
    },
    /** The newest version from one source: the newest shipped one, or the writer's newest. */
    latestFrom(promptId: string, source: 'builtin' | 'user'): PromptVersionRow | undefined {
      return repo.versions(promptId).findLast((row) => row.source === source);
    },
    hasHash(promptId: string, hash: string): boolean {
      const row = db
        .select({ id: promptVersions.id })
        .from(promptVersions)
        .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.hash, hash)))
        .limit(1)
        .get();
      return row !== undefined;
    },
    /** The pinned version, if any (a pin of a version this device does not have counts as none). */
    pinned(promptId: string): PromptVersionRow | undefined {
      const pin = db.select({ versionId: promptPins.versionId }).from(promptPins).where(eq(promptPins.promptId, promptId)).get();
      return repo.findById(promptId, pin?.versionId);
    },
    hasPin(promptId: string): boolean {
      return db.select({ versionId: promptPins.versionId }).from(promptPins).where(eq(promptPins.promptId, promptId)).get() !== undefined;
    },
    setPin(promptId: string, versionId: string, at: number): void {
      db.insert(promptPins)
        .values({ promptId, versionId, pinnedAt: at })
        .onConflictDoUpdate({ target: promptPins.promptId, set: { versionId, pinnedAt: at } })
        .run();
    },
    clearPin(promptId: string): void {
      db.delete(promptPins).where(eq(promptPins.promptId, promptId)).run();
    },
    /** The shipped version the writer took over their edit, and the update they dismissed (ids). */
    updateChoice(promptId: string): { adoptedVersionId: string | null; dismissedVersionId: string | null } | undefined {
      return db
        .select({ adoptedVersionId: promptUpdateChoices.adoptedVersionId, dismissedVersionId: promptUpdateChoices.dismissedVersionId })
        .from(promptUpdateChoices)
        .where(eq(promptUpdateChoices.promptId, promptId))
        .get();
    },
    setUpdateChoice(promptId: string, choice: { adoptedVersionId: string } | { dismissedVersionId: string }, at: number): void {
      db.insert(promptUpdateChoices)
        .values({ promptId, ...choice, updatedAt: at })
        .onConflictDoUpdate({ target: promptUpdateChoices.promptId, set: { ...choice, updatedAt: at } })
        .run();
    },
    insertAudit(entry: AuditInsert): void {
      db.insert(promptAudit).values(entry).run();
    },
    /** The audit trail of a prompt, newest first (insertion order breaks ties within a millisecond), versions numbered. */
    audit(promptId: string): PromptAuditEntry[] {
      const numbers = new Map(repo.versions(promptId).map((row) => [row.id, row.version]));
      const numberOf = (id: string | null) => (id === null ? null : (numbers.get(id) ?? null));
      return db
        .select({
          action: promptAudit.action,
          fromVersionId: promptAudit.fromVersionId,
          toVersionId: promptAudit.toVersionId,
          oldHash: promptAudit.oldHash,
          newHash: promptAudit.newHash,
          summary: promptAudit.summary,
          at: promptAudit.at,
        })
        .from(promptAudit)
        .where(eq(promptAudit.promptId, promptId))
        .orderBy(desc(promptAudit.at), desc(sql`rowid`))
        .all()
        .map(({ fromVersionId, toVersionId, ...row }) => ({
          ...row,
          action: row.action as PromptAuditEntry['action'],
          fromVersion: numberOf(fromVersionId),
          toVersion: numberOf(toVersionId),
        }));
    },
  };
  return repo;
}

export type PromptRepo = ReturnType<typeof createPromptRepo>;
