import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import { promptDefinitionSchema, type PromptAuditEntry, type PromptVersion } from '../../../shared/models/prompts';
import type { Db } from '../db/connection';
import { promptAudit, promptPins, promptUpdateChoices, promptVersions } from '../db/schema';

export type PromptVersionRow = typeof promptVersions.$inferSelect;

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

export type AuditInsert = PromptAuditEntry & { id: string; promptId: string };

/** Storage of prompt versions (append-only), pins and the audit trail. */
export function createPromptRepo(db: Db) {
  return {
    insertVersion(row: PromptVersionRow): void {
      db.insert(promptVersions).values(row).run();
    },
    /** Versions of a prompt, oldest first. */
    versions(promptId: string): PromptVersionRow[] {
      return db.select().from(promptVersions).where(eq(promptVersions.promptId, promptId)).orderBy(asc(promptVersions.version)).all();
    },
    findVersion(promptId: string, version: number): PromptVersionRow | undefined {
      return db
        .select()
        .from(promptVersions)
        .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.version, version)))
        .get();
    },
    latest(promptId: string): PromptVersionRow | undefined {
      return db.select().from(promptVersions).where(eq(promptVersions.promptId, promptId)).orderBy(desc(promptVersions.version)).limit(1).get();
    },
    /** The newest version from one source: the newest shipped one, or the writer's newest. */
    latestFrom(promptId: string, source: 'builtin' | 'user'): PromptVersionRow | undefined {
      return db
        .select()
        .from(promptVersions)
        .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.source, source)))
        .orderBy(desc(promptVersions.version))
        .limit(1)
        .get();
    },
    latestNumber(promptId: string): number {
      const row = db.select({ value: max(promptVersions.version) }).from(promptVersions).where(eq(promptVersions.promptId, promptId)).get();
      return row?.value ?? 0;
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
    pinnedVersion(promptId: string): number | undefined {
      return db.select({ version: promptPins.version }).from(promptPins).where(eq(promptPins.promptId, promptId)).get()?.version;
    },
    setPin(promptId: string, version: number, at: number): void {
      db.insert(promptPins)
        .values({ promptId, version, pinnedAt: at })
        .onConflictDoUpdate({ target: promptPins.promptId, set: { version, pinnedAt: at } })
        .run();
    },
    clearPin(promptId: string): void {
      db.delete(promptPins).where(eq(promptPins.promptId, promptId)).run();
    },
    /** The shipped version the writer took over their edit, and the update they dismissed. */
    updateChoice(promptId: string): { adoptedVersion: number | null; dismissedVersion: number | null } | undefined {
      return db
        .select({ adoptedVersion: promptUpdateChoices.adoptedVersion, dismissedVersion: promptUpdateChoices.dismissedVersion })
        .from(promptUpdateChoices)
        .where(eq(promptUpdateChoices.promptId, promptId))
        .get();
    },
    setUpdateChoice(promptId: string, choice: { adoptedVersion: number } | { dismissedVersion: number }, at: number): void {
      db.insert(promptUpdateChoices)
        .values({ promptId, ...choice, updatedAt: at })
        .onConflictDoUpdate({ target: promptUpdateChoices.promptId, set: { ...choice, updatedAt: at } })
        .run();
    },
    insertAudit(entry: AuditInsert): void {
      db.insert(promptAudit).values(entry).run();
    },
    /** The audit trail of a prompt, newest first (insertion order breaks ties within a millisecond). */
    audit(promptId: string): PromptAuditEntry[] {
      return db
        .select({
          action: promptAudit.action,
          fromVersion: promptAudit.fromVersion,
          toVersion: promptAudit.toVersion,
          oldHash: promptAudit.oldHash,
          newHash: promptAudit.newHash,
          summary: promptAudit.summary,
          at: promptAudit.at,
        })
        .from(promptAudit)
        .where(eq(promptAudit.promptId, promptId))
        .orderBy(desc(promptAudit.at), desc(sql`rowid`))
        .all()
        .map((row) => ({ ...row, action: row.action as PromptAuditEntry['action'] }));
    },
  };
}

export type PromptRepo = ReturnType<typeof createPromptRepo>;
