import type { CodexEntry } from '../../../shared/models/codex';
import type { ContinuityFact, ContinuityIssue } from '../../../shared/models/continuity';
import type { Outline } from '../../../shared/models/manuscript';
import { inTransaction, type AppDatabase } from '../db/connection';
import { documentToPlainText, type ManuscriptService } from '../manuscript';
import type { Clock, IdGenerator } from '../platform/clock';
import { findContradictions, namedEntry, profileField, type ScenePlace } from './continuity-compare';
import { findQuoteRange, normaliseAttribute, sameValue } from './continuity-normalise';
import type { ContinuityRepo } from './continuity.repo';
import type { AssociativeLink, AssociativeMemory } from './associative-memory';
import { entriesInText, type FactExtractor } from './fact-extractor';

export interface SceneCheckDeps {
  database: AppDatabase;
  repo: ContinuityRepo;
  manuscript: Pick<ManuscriptService, 'getScene' | 'outline'>;
  codex: { list(projectId: string): CodexEntry[] };
  projectTitle(projectId: string): string;
  extractor: FactExtractor;
  memory: AssociativeMemory;
  clock: Clock;
  ids: IdGenerator;
}

/** What one scene check did. */
export interface SceneCheckResult {
  facts: number;
  opened: number;
  closed: number;
  /** The scene text checked, so a caller can tell whether it changed meanwhile. */
  text: string;
}

/** Scene places by id: "chapter 12, scene 3" and manuscript order, for live scenes only. */
export function placesOf(outline: Outline): Map<string, ScenePlace> {
  const places = new Map<string, ScenePlace>();
  outline.chapters.forEach((chapter, c) => {
    chapter.scenes.forEach((scene, s) => {
      places.set(scene.id, { chapterId: chapter.id, label: `chapter ${c + 1}, scene ${s + 1}`, order: c * 1_000_000 + s });
    });
  });
  return places;
}

/**
 * Checks one scene: extracts its facts (model call), replaces the scene's stored facts, then in
 * one transaction opens the contradictions it makes (unless marked intended), refreshes the
 * ones still there and closes those that are gone. Idempotent: the same text gives the same rows.
 */
export function createSceneCheck(deps: SceneCheckDeps) {
  return async function checkScene(sceneId: string, signal: AbortSignal): Promise<SceneCheckResult> {
    const scene = deps.manuscript.getScene(sceneId);
    const projectId = scene.projectId;
    const text = documentToPlainText(scene.content);
    const entries = deps.codex.list(projectId);
    const present = entriesInText(text, entries);
    const extracted = await deps.extractor.extract({ projectId, projectTitle: deps.projectTitle(projectId), sceneText: text, entries: present, signal });
    signal.throwIfAborted();
    const now = deps.clock.now();
    const links: AssociativeLink[] = [];
    const facts: ContinuityFact[] = [];
    for (const fact of extracted) {
      const attribute = normaliseAttribute(fact.attribute);
      const range = findQuoteRange(text, fact.quote);
      const other = namedEntry(fact.value, entries, fact.entry.id);
      // A value naming another entry is a relationship: remembered as a link, never a contradiction.
      if (other) links.push(linkOf(fact.entry, attribute, other, range));
      else facts.push({ id: deps.ids.newId(), projectId, entryId: fact.entry.id, entityName: fact.entry.name, attribute, value: fact.value, quote: fact.quote, sceneId, range, createdAt: now });
    }
    const places = placesOf(deps.manuscript.outline(projectId));
    const byId = new Map(entries.map((e) => [e.id, e]));
    const counts = inTransaction(deps.database, () => {
      deps.repo.replaceSceneFacts(sceneId, facts);
      const drafts = findContradictions({
        facts,
        entry: (id) => byId.get(id),
        others: (fact) => deps.repo.otherScenesFacts(projectId, fact.entryId, fact.attribute, sceneId).filter((f) => places.has(f.sceneId)),
        place: (id) => places.get(id),
      }).filter((draft) => !deps.repo.isIntended(projectId, draft.signature));
      const open = deps.repo.openIssuesOfScene(sceneId);
      const key = (signature: string, found: string, against: string) => `${signature}\u001e${found}\u001e${against}`;
      const openByKey = new Map(open.map((issue) => [key(issue.signature, issue.found.id, issue.against.id), issue]));
      let opened = 0;
      for (const draft of drafts) {
        const existing = openByKey.get(key(draft.signature, draft.found.id, draft.against.id));
        if (existing) {
          deps.repo.refreshIssue(existing.id, draft);
          openByKey.delete(key(draft.signature, draft.found.id, draft.against.id));
        } else {
          deps.repo.insertIssue(deps.ids.newId(), projectId, draft, now);
          opened += 1;
        }
      }
      // Whatever this scene no longer contradicts is closed: the writer fixed the text, or the codex.
      for (const gone of openByKey.values()) deps.repo.resolveIssue(gone.id, settledBy(gone, byId.get(gone.entryId)), now);
      return { opened, closed: openByKey.size };
    });
    deps.memory.replaceSceneLinks(projectId, sceneId, links);
    return { facts: facts.length, ...counts, text };
  };
}

export type SceneCheck = ReturnType<typeof createSceneCheck>;

/** How a contradiction that is gone was settled: the codex no longer says what it said, or the text changed. */
function settledBy(issue: ContinuityIssue, entry: CodexEntry | undefined): 'codex-updated' | 'fixed-text' {
  if (issue.against.type !== 'codex' || !entry) return 'fixed-text';
  const field = profileField(entry, issue.attribute);
  return field && sameValue(field.value, issue.against.value) ? 'fixed-text' : 'codex-updated';
}

function linkOf(entry: CodexEntry, attribute: string, other: CodexEntry, range: { from: number; to: number } | null): AssociativeLink {
  return {
    content: `${entry.name} — ${attribute} — ${other.name}`,
    markers: [`${entry.kind}:${entry.name}`, `${other.kind}:${other.name}`],
    range,
  };
}
