import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { PolicyViolation, Proposal, ProposalChange, ProposalStatus } from '../../../shared/models/runs';
import type { Db } from '../db/connection';
import { agentProposals } from '../db/schema';

export type ProposalRow = typeof agentProposals.$inferSelect;

/** Oldest first; proposals of the same millisecond (a fan-out's branches) in the order they were made. */
const oldestFirst = [asc(agentProposals.createdAt), sql`${agentProposals}.rowid`] as const;

const STATUSES: readonly string[] = ['pending', 'applied', 'rejected', 'conflict'] satisfies ProposalStatus[];

export function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    runId: row.runId,
    projectId: row.projectId,
    stepKey: row.stepKey,
    agentId: row.agentId,
    key: row.key,
    change: JSON.parse(row.change) as ProposalChange,
    edited: row.edited === null ? null : (JSON.parse(row.edited) as ProposalChange),
    status: (STATUSES.includes(row.status) ? row.status : 'pending') as ProposalStatus,
    violations: JSON.parse(row.violations) as PolicyViolation[],
    note: row.note,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
  };
}

/** What a decision writes on a proposal row. */
export interface ProposalDecision {
  status: ProposalStatus;
  edited?: ProposalChange | null;
  violations?: PolicyViolation[];
  note?: string | null;
  snapshotId?: string;
}

/** The `agent_proposals` table. */
export function createProposalRepo(db: Db) {
  return {
    find: (id: string): ProposalRow | undefined => db.select().from(agentProposals).where(eq(agentProposals.id, id)).get(),
    findByKey: (runId: string, stepKey: string, key: string): ProposalRow | undefined =>
      db
        .select()
        .from(agentProposals)
        .where(and(eq(agentProposals.runId, runId), eq(agentProposals.stepKey, stepKey), eq(agentProposals.key, key)))
        .get(),
    insert(row: typeof agentProposals.$inferInsert): void {
      db.insert(agentProposals).values(row).run();
    },
    /** A pending proposal proposed again: its change and violations as they are now. */
    replaceChange(id: string, change: ProposalChange, violations: PolicyViolation[], now: number): void {
      db.update(agentProposals)
        .set({ change: JSON.stringify(change), violations: JSON.stringify(violations), updatedAt: now })
        .where(eq(agentProposals.id, id))
        .run();
    },
    setViolations(id: string, violations: PolicyViolation[], now: number): void {
      db.update(agentProposals).set({ violations: JSON.stringify(violations), updatedAt: now }).where(eq(agentProposals.id, id)).run();
    },
    /**
     * Records a decision on a proposal whose status is one of `from` (pending by default).
     * Returns false when it is not (another decision got there first): nothing is written then.
     */
    decide(id: string, decision: ProposalDecision, now: number, from: readonly ProposalStatus[] = ['pending']): boolean {
      const result = db
        .update(agentProposals)
        .set({
          status: decision.status,
          updatedAt: now,
          decidedAt: now,
          ...(decision.edited !== undefined && { edited: decision.edited === null ? null : JSON.stringify(decision.edited) }),
          ...(decision.violations !== undefined && { violations: JSON.stringify(decision.violations) }),
          ...(decision.note !== undefined && { note: decision.note }),
        })
        .where(and(eq(agentProposals.id, id), inArray(agentProposals.status, [...from])))
        .run();
      return result.changes === 1;
    },
    /** Marks a scene-text apply as under way: its save will make `revision` (see the column's note). */
    markApplying(id: string, revision: number): void {
      db.update(agentProposals).set({ applyingRevision: revision }).where(eq(agentProposals.id, id)).run();
    },
    setSnapshot(id: string, snapshotId: string): void {
      db.update(agentProposals).set({ snapshotId }).where(eq(agentProposals.id, id)).run();
    },
    /** The snapshot taken before the run's first applied change, if one was. */
    runSnapshot(runId: string): string | null {
      const row = db
        .select({ snapshotId: agentProposals.snapshotId })
        .from(agentProposals)
        .where(and(eq(agentProposals.runId, runId), isNotNull(agentProposals.snapshotId)))
        .get();
      return row?.snapshotId ?? null;
    },
    /** A project's proposals, oldest first. */
    listByProject(projectId: string, statuses?: readonly ProposalStatus[]): ProposalRow[] {
      const where = statuses && statuses.length > 0 ? and(eq(agentProposals.projectId, projectId), inArray(agentProposals.status, [...statuses])) : eq(agentProposals.projectId, projectId);
      return db.select().from(agentProposals).where(where).orderBy(...oldestFirst).all();
    },
    listByRun(runId: string): ProposalRow[] {
      return db.select().from(agentProposals).where(eq(agentProposals.runId, runId)).orderBy(...oldestFirst).all();
    },
  };
}

export type ProposalRepo = ReturnType<typeof createProposalRepo>;
