import type { Passage, RetrievalQuery, RetrievalResult } from '../../shared/models/memory';
import type { PassageRetriever, PinnedMemory, PinnedMemorySource } from '../core/writing-ai';

/**
 * A small stand-in for the memory domain's retriever, for tests that control what chat and
 * inline AI are given. It ranks its passages by "meaning" through a hand-made table of concepts
 * (words that mean the same thing count as a match), so a question that shares no word with a
 * scene can still find it, as meaning search does. Every query is recorded.
 */
export interface FakeRetriever extends PassageRetriever {
  readonly queries: RetrievalQuery[];
  /** Replaces the corpus (passages per project). */
  setPassages(projectId: string, passages: readonly Passage[]): void;
  /** The next retrievals fail with this error (until cleared with null). */
  failWith(error: Error | null): void;
}

/** Words that stand for the same idea; a query and a passage that share an idea match. */
export type ConceptTable = Readonly<Record<string, readonly string[]>>;

const words = (text: string) => text.toLowerCase().match(/[\p{L}']+/gu) ?? [];

export function createFakeRetriever(concepts: ConceptTable): FakeRetriever {
  const corpus = new Map<string, readonly Passage[]>();
  const queries: RetrievalQuery[] = [];
  let failure: Error | null = null;
  const ideasOf = (text: string): Set<string> => {
    const found = new Set<string>();
    for (const word of words(text)) {
      for (const [idea, members] of Object.entries(concepts)) if (members.some((m) => word.startsWith(m))) found.add(idea);
    }
    return found;
  };
  return {
    queries,
    setPassages: (projectId, passages) => void corpus.set(projectId, passages),
    failWith: (error) => void (failure = error),
    retrieve(query): Promise<RetrievalResult> {
      queries.push(query);
      if (failure) return Promise.reject(failure);
      const wanted = ideasOf(query.query);
      const ranked = (corpus.get(query.projectId) ?? [])
        .map((passage) => ({ passage, shared: [...ideasOf(passage.text)].filter((idea) => wanted.has(idea)).length }))
        .filter((r) => r.shared > 0)
        .sort((a, b) => b.shared - a.shared)
        .slice(0, query.limit ?? 20)
        .map((r, rank): Passage => ({ ...r.passage, score: 1 / (60 + rank), matchedBy: ['meaning'] }));
      return Promise.resolve({ passages: ranked, meaning: 'ready', notice: null });
    },
  };
}

/** Pinned memories by project, for tests. */
export function fakePinnedMemories(byProject: Record<string, readonly PinnedMemory[]> = {}): PinnedMemorySource & { set(projectId: string, memories: readonly PinnedMemory[]): void } {
  const pinned = new Map(Object.entries(byProject));
  return {
    pinned: (projectId) => pinned.get(projectId) ?? [],
    set: (projectId, memories) => void pinned.set(projectId, memories),
  };
}

/** A passage of a scene, as the memory domain's retriever labels it. */
export function scenePassage(scene: { id: string; chapterId: string }, label: string, text: string, chunk = 0): Passage {
  return {
    chunkId: `${scene.id}:${chunk}`,
    source: { type: 'scene', id: scene.id, label, chapterId: scene.chapterId, range: { from: 0, to: text.length } },
    text,
    score: 0,
    matchedBy: [],
  };
}

/** A codex entry as a passage. */
export function codexPassage(entry: { id: string; name: string }, text: string): Passage {
  return { chunkId: `${entry.id}:0`, source: { type: 'codex', id: entry.id, label: `Codex · ${entry.name}`, chapterId: null, range: null }, text, score: 0, matchedBy: [] };
}
