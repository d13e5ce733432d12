import { and, asc, desc, eq, isNull, ne, or } from 'drizzle-orm';
import type { ContinuityEvidence, ContinuityFact, ContinuityIssue, ContinuityResolution } from '../../../shared/models/continuity';
import type { Db } from '../db/connection';
import { continuityFacts, continuityIssues } from '../db/schema';

type FactRow = typeof continuityFacts.$inferSelect;
type IssueRow = typeof continuityIssues.$inferSelect;

function toFact(row: FactRow): ContinuityFact {
  return {
    id: row.id,
    projectId: row.projectId,
    entryId: row.entryId,
    entityName: row.entityName,
    attribute: row.attribute,
    value: row.value,
    quote: row.quote,
    sceneId: row.sceneId,
    range: row.rangeFrom === null || row.rangeTo === null ? null : { from: row.rangeFrom, to: row.rangeTo },
    createdAt: row.createdAt,
  };
}

export function toIssue(row: IssueRow): ContinuityIssue {
  return {
    id: row.id,
    projectId: row.projectId,
    entryId: row.entryId,
    entityName: row.entityName,
    attribute: row.attribute,
    summary: row.summary,
    found: JSON.parse(row.found) as ContinuityEvidence,
    against: JSON.parse(row.against) as ContinuityEvidence,
    status: row.status === 'resolved' ? 'resolved' : 'open',
    resolution: (row.resolution as ContinuityResolution | null) ?? null,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
  };
}

/** A contradiction as the comparison finds it, before it is stored. */
export interface IssueDraft {
  entryId: string;
  entityName: string;
  attribute: string;
  signature: string;
  summary: string;
  found: ContinuityEvidence;
  against: ContinuityEvidence;
}

/** Storage of continuity facts and issues. */
export function createContinuityRepo(db: Db) {
  return {
    /** A scene's facts are replaced whole: a re-check never leaves duplicates or stale facts. */
    replaceSceneFacts(sceneId: string, facts: readonly ContinuityFact[]): void {
      db.delete(continuityFacts).where(eq(continuityFacts.sceneId, sceneId)).run();
      for (const fact of facts) {
        db.insert(continuityFacts)
          .values({
            id: fact.id,
            projectId: fact.projectId,
            sceneId: fact.sceneId,
            entryId: fact.entryId,
            entityName: fact.entityName,
            attribute: fact.attribute,
            value: fact.value,
            quote: fact.quote,
            rangeFrom: fact.range?.from ?? null,
            rangeTo: fact.range?.to ?? null,
            createdAt: fact.createdAt,
          })
          .run();
      }
    },

    sceneFacts(sceneId: string): ContinuityFact[] {
      return db.select().from(continuityFacts).where(eq(continuityFacts.sceneId, sceneId)).orderBy(asc(continuityFacts.createdAt), asc(continuityFacts.id)).all().map(toFact);
    },

    /** What other scenes said about an entity's attribute. */
    otherScenesFacts(projectId: string, entryId: string, attribute: string, sceneId: string): ContinuityFact[] {
      return db
        .select()
        .from(continuityFacts)
        .where(and(eq(continuityFacts.projectId, projectId), eq(continuityFacts.entryId, entryId), eq(continuityFacts.attribute, attribute), ne(continuityFacts.sceneId, sceneId)))
        .orderBy(asc(continuityFacts.createdAt), asc(continuityFacts.id))
        .all()
        .map(toFact);
    },

    listIssues(projectId: string, status: 'open' | 'resolved' | 'all'): ContinuityIssue[] {
      const where = status === 'all' ? eq(continuityIssues.projectId, projectId) : and(eq(continuityIssues.projectId, projectId), eq(continuityIssues.status, status));
      return db.select().from(continuityIssues).where(where).orderBy(desc(continuityIssues.createdAt), asc(continuityIssues.summary), asc(continuityIssues.id)).all().map(toIssue);
    },

    findIssue(id: string): (ContinuityIssue & { signature: string }) | undefined {
      const row = db.select().from(continuityIssues).where(eq(continuityIssues.id, id)).get();
      return row ? { ...toIssue(row), signature: row.signature } : undefined;
    },

    /** Signatures the writer marked as intended: never flagged again. */
    isIntended(projectId: string, signature: string): boolean {
      const row = db
        .select({ id: continuityIssues.id })
        .from(continuityIssues)
        .where(and(eq(continuityIssues.projectId, projectId), eq(continuityIssues.signature, signature), eq(continuityIssues.resolution, 'intended')))
        .get();
      return row !== undefined;
    },

    /** Open issues a check of this scene is responsible for (the scene is on either side). */
    openIssuesOfScene(sceneId: string): Array<ContinuityIssue & { signature: string }> {
      return db
        .select()
        .from(continuityIssues)
        .where(and(eq(continuityIssues.status, 'open'), or(eq(continuityIssues.foundSceneId, sceneId), eq(continuityIssues.againstSceneId, sceneId))))
        .all()
        .map((row) => ({ ...toIssue(row), signature: row.signature }));
    },

    /** Scenes with open issues against the codex: what a codex edit may have settled. */
    scenesWithOpenCodexIssues(projectId: string): string[] {
      const rows = db
        .selectDistinct({ sceneId: continuityIssues.foundSceneId })
        .from(continuityIssues)
        .where(and(eq(continuityIssues.projectId, projectId), eq(continuityIssues.status, 'open'), isNull(continuityIssues.againstSceneId)))
        .all();
      return rows.map((r) => r.sceneId);
    },

    insertIssue(id: string, projectId: string, draft: IssueDraft, now: number): void {
      db.insert(continuityIssues)
        .values({
          id,
          projectId,
          entryId: draft.entryId,
          entityName: draft.entityName,
          attribute: draft.attribute,
          signature: draft.signature,
          summary: draft.summary,
          found: JSON.stringify(draft.found),
          against: JSON.stringify(draft.against),
          foundSceneId: draft.found.id,
          againstSceneId: draft.against.type === 'scene' ? draft.against.id : null,
          status: 'open',
          resolution: null,
          createdAt: now,
          resolvedAt: null,
        })
        .run();
    },

    /** Refreshes an open issue with the latest quotes and places (the text moved, the codex changed). */
    refreshIssue(id: string, draft: IssueDraft): void {
      db.update(continuityIssues)
        .set({
          summary: draft.summary,
          found: JSON.stringify(draft.found),
          against: JSON.stringify(draft.against),
          foundSceneId: draft.found.id,
          againstSceneId: draft.against.type === 'scene' ? draft.against.id : null,
        })
        .where(eq(continuityIssues.id, id))
        .run();
    },

    resolveIssue(id: string, resolution: ContinuityResolution, now: number): void {
      db.update(continuityIssues).set({ status: 'resolved', resolution, resolvedAt: now }).where(eq(continuityIssues.id, id)).run();
    },
  };
}

export type ContinuityRepo = ReturnType<typeof createContinuityRepo>;
