import type { AuditEntry } from '../../../shared/models/runs';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { Clock, IdGenerator } from '../platform/clock';
import { redactForAudit, searchableText } from './audit-redact';
import { createAuditRepo, type AuditQuery } from './audit.repo';

/** One agent action to log: the entry without the id and time the log gives it. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'createdAt'>;

/** The audit log as the engine, the router and the proposals write and read it. */
export interface AuditLog {
  /**
   * Stores an entry. Input and output pass through {@link redactForAudit} first: a key, a token
   * or an HTTP header never reaches the log, whatever the caller passes. Joins the caller's
   * transaction when there is one, so an action and its entry commit together.
   */
  record(entry: AuditRecord): void;
  /** Newest first, filtered; `query` finds words of the input or output. */
  search(query: AuditQuery): AuditEntry[];
  /** The matching entries as a JSON document to save, with a file name naming the project or run and the date. */
  export(query: Omit<AuditQuery, 'before' | 'limit'>, names?: { project?: string | null; run?: string | null }): { fileName: string; json: string };
}

export interface AuditLogDeps {
  database: AppDatabase;
  clock: Clock;
  ids: IdGenerator;
}

/** Most entries one export holds (newest first); the document says when there were more. */
export const EXPORT_LIMIT = 20_000;

/** A file-name-safe slug of a title: letters and digits of any script, dashes between words. */
function slug(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40);
}

export function auditFileName(at: number, names: { project?: string | null; run?: string | null }): string {
  const date = new Date(at).toISOString().slice(0, 10);
  const parts = ['audit', slug(names.project ?? ''), slug(names.run ?? ''), date].filter((part) => part !== '');
  return `${parts.join('-')}.json`;
}

export function createAuditLog(deps: AuditLogDeps): AuditLog {
  const { database, clock, ids } = deps;
  const repo = createAuditRepo(database);

  return {
    record(entry) {
      const input = redactForAudit(entry.input ?? null);
      const output = redactForAudit(entry.output ?? null);
      const words = [entry.agentId, entry.action, searchableText(input), searchableText(output)].filter(Boolean).join('\n');
      inTransaction(database, () =>
        repo.insert(
          {
            ...entry,
            id: ids.newId(),
            input: JSON.stringify(input),
            output: JSON.stringify(output),
            createdAt: clock.now(),
          },
          words,
        ),
      );
    },

    search: (query) => repo.search(query),

    export(query, names = {}) {
      const now = clock.now();
      const found = repo.search({ ...query, limit: EXPORT_LIMIT + 1 });
      const entries = found.slice(0, EXPORT_LIMIT);
      const document = {
        kind: 'nova-studio-audit-log',
        version: 1,
        exportedAt: new Date(now).toISOString(),
        filter: query,
        complete: found.length <= EXPORT_LIMIT,
        count: entries.length,
        entries: entries.map((entry) => ({ ...entry, createdAt: new Date(entry.createdAt).toISOString() })),
      };
      return { fileName: auditFileName(now, names), json: JSON.stringify(document, null, 2) };
    },
  };
}
