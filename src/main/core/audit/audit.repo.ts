import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEntry, auditQuerySchema } from '../../../shared/models/runs';
import type { AppDatabase } from '../db/connection';
import { agentAudit } from '../db/schema';
import { toMatchExpression } from '../manuscript';

type AuditRow = typeof agentAudit.$inferSelect;
type AuditInsert = typeof agentAudit.$inferInsert;

/** A search of the audit log (the contract's query, limits applied). */
export type AuditQuery = Omit<z.output<typeof auditQuerySchema>, 'limit'> & { limit?: number | undefined };

const statusOf = (value: string): AuditEntry['status'] => (value === 'error' || value === 'blocked' ? value : 'ok');

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    projectId: row.projectId,
    runId: row.runId,
    stepKey: row.stepKey,
    agentId: row.agentId,
    action: row.action,
    status: statusOf(row.status),
    input: JSON.parse(row.input) as unknown,
    output: JSON.parse(row.output) as unknown,
    model: row.model,
    promptId: row.promptId,
    promptVersion: row.promptVersion,
    traceId: row.traceId,
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    costUsd: row.costUsd,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
  };
}

/** The audit table and its word index (written together, see migration 0014). */
export function createAuditRepo(database: AppDatabase) {
  const { orm, sqlite } = database;
  const insertWords = sqlite.prepare('insert into agent_audit_fts (rowid, text) values (?, ?)');

  const filters = (query: AuditQuery): SQL | undefined => {
    const conditions: (SQL | undefined)[] = [
      query.projectId === undefined ? undefined : eq(agentAudit.projectId, query.projectId),
      query.runId === undefined ? undefined : eq(agentAudit.runId, query.runId),
      query.agentId === undefined ? undefined : eq(agentAudit.agentId, query.agentId),
      query.action === undefined ? undefined : eq(agentAudit.action, query.action),
      query.status === undefined ? undefined : eq(agentAudit.status, query.status),
      query.before === undefined ? undefined : lt(agentAudit.createdAt, query.before),
    ];
    // Every word must occur (the last one as a prefix), as in the app's other searches; quoted so
    // FTS5 syntax in what the writer types is just text.
    const match = query.query === undefined ? null : toMatchExpression(query.query);
    if (match !== null) conditions.push(sql`${agentAudit.seq} in (select rowid from agent_audit_fts where agent_audit_fts match ${match})`);
    return and(...conditions);
  };

  return {
    /** Inserts the entry and its words; the caller holds the transaction. */
    insert(row: Omit<AuditInsert, 'seq'>, words: string): void {
      const inserted = orm.insert(agentAudit).values(row).returning({ seq: agentAudit.seq }).get();
      insertWords.run(inserted.seq, words);
    },
    /** Newest first. */
    search(query: AuditQuery): AuditEntry[] {
      const rows = orm
        .select()
        .from(agentAudit)
        .where(filters(query))
        .orderBy(desc(agentAudit.createdAt), desc(agentAudit.seq))
        .limit(query.limit ?? -1)
        .all();
      return rows.map(toAuditEntry);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
