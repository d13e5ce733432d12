import type { CodexEntry } from '../../../shared/models/codex';
import type { ContinuityFact, ContinuityIssue } from '../../../shared/models/continuity';
import type { Outline } from '../../../shared/models/manuscript';
import { inTransaction, type AppDatabase } from '../db/connection';
import { documentToPlainText, type ManuscriptService } from '../manuscript';
import type { Clock, IdGenerator } from '../platform/clock';
import { codexSays, findContradictions, namedEntry, type CompareInput, type ScenePlace } from './continuity-compare';
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

/** How many descriptions' facts are remembered between checks before the memo starts again. */
const DESCRIPTION_CACHE_SIZE = 1_000;

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
  // What each description states, by entry and text: asked once per description, not per check.
  const descriptions = new Map<string, Array<{ attribute: string; value: string; quote: string }>>();

  /** Facts the descriptions of these entries state (extracted the way scenes are). */
  async function describedFacts(projectId: string, entries: readonly CodexEntry[], signal: AbortSignal) {
    const facts = new Map<string, { value: string; quote: string }>();
    for (const entry of entries) {
      if (entry.description.trim().length === 0) continue;
      const key = `${entry.id}\u0000${entry.description}`;
      let stated = descriptions.get(key);
      if (!stated) {
        const extracted = await deps.extractor.extract({ projectId, projectTitle: deps.projectTitle(projectId), sceneText: entry.description, entries: [entry], signal });
        stated = extracted.map((f) => ({ attribute: normaliseAttribute(f.attribute), value: f.value, quote: f.quote }));
        if (descriptions.size >= DESCRIPTION_CACHE_SIZE) descriptions.clear();
        descriptions.set(key, stated);
      }
      for (const fact of stated) if (!facts.has(`${entry.id}\u0000${fact.attribute}`)) facts.set(`${entry.id}\u0000${fact.attribute}`, fact);
    }
    return (entryId: string, attribute: string) => facts.get(`${entryId}\u0000${attribute}`);
  }

  /** The scene's facts (extracted, normalised, placed) and the relationships it states. */
  async function readScene(sceneId: string, projectId: string, text: string, entries: readonly CodexEntry[], signal: AbortSignal) {
    const extracted = await deps.extractor.extract({ projectId, projectTitle: deps.projectTitle(projectId), sceneText: text, entries: entriesInText(text, entries), signal });
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
    return { facts, links };
  }

  /** Stores the facts and brings the scene's issues in line with them, in one transaction. */
  function reconcile(sceneId: string, projectId: string, facts: readonly ContinuityFact[], described: CompareInput['described']) {
    const now = deps.clock.now();
    const places = placesOf(deps.manuscript.outline(projectId));
    return inTransaction(deps.database, () => {
      // The codex as it is now, not as it was before the model call: a codex change the writer
      // approved meanwhile must not be flagged again against its old value.
      const byId = new Map(deps.codex.list(projectId).map((e) => [e.id, e]));
      const lookups = { entry: (id: string) => byId.get(id), described };
      deps.repo.replaceSceneFacts(sceneId, facts);
      const drafts = findContradictions({
        facts,
        ...lookups,
        others: (fact) => deps.repo.otherScenesFacts(projectId, fact.entryId, fact.attribute, sceneId).filter((f) => places.has(f.sceneId)),
        place: (id) => places.get(id),
      }).filter((draft) => !deps.repo.isIntended(projectId, draft.signature));
      const key = (signature: string, found: string, against: string) => `${signature}\u001e${found}\u001e${against}`;
      // Read inside the transaction: a resolution made while the model answered is respected.
      const openByKey = new Map(deps.repo.openIssuesOfScene(sceneId).map((issue) => [key(issue.signature, issue.found.id, issue.against.id), issue]));
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
      for (const gone of openByKey.values()) deps.repo.resolveIssue(gone.id, settledBy(gone, lookups.entry(gone.entryId), lookups.described), now);
      return { opened, closed: openByKey.size };
    });
  }

  return async function checkScene(sceneId: string, signal: AbortSignal): Promise<SceneCheckResult> {
    const scene = deps.manuscript.getScene(sceneId);
    const projectId = scene.projectId;
    const text = documentToPlainText(scene.content);
    const entries = deps.codex.list(projectId);
    const { facts, links } = await readScene(sceneId, projectId, text, entries, signal);
    signal.throwIfAborted();
    const byId = new Map(entries.map((e) => [e.id, e]));
    // Descriptions matter only for attributes the profile leaves out, of entries this check touches.
    const touched = new Set([...facts.map((f) => f.entryId), ...deps.repo.openIssuesOfScene(sceneId).map((i) => i.entryId)]);
    const described = await describedFacts(projectId, [...touched].flatMap((id) => byId.get(id) ?? []), signal);
    signal.throwIfAborted();
    const counts = reconcile(sceneId, projectId, facts, described);
    deps.memory.replaceSceneLinks(projectId, sceneId, links);
    return { facts: facts.length, ...counts, text };
  };
}

export type SceneCheck = ReturnType<typeof createSceneCheck>;

/** How a contradiction that is gone was settled: the codex no longer says what it said, or the text changed. */
function settledBy(issue: ContinuityIssue, entry: CodexEntry | undefined, described: CompareInput['described']): 'codex-updated' | 'fixed-text' {
  if (issue.against.type !== 'codex' || !entry) return 'fixed-text';
  const codex = codexSays(entry, issue.attribute, described);
  return codex && sameValue(codex.value, issue.against.value) ? 'fixed-text' : 'codex-updated';
}

function linkOf(entry: CodexEntry, attribute: string, other: CodexEntry, range: { from: number; to: number } | null): AssociativeLink {
  return {
    content: `${entry.name} — ${attribute} — ${other.name}`,
    markers: [`${entry.kind}:${entry.name}`, `${other.kind}:${other.name}`],
    range,
  };
}
