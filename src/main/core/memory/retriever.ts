import { retrievalQuerySchema, type MeaningStatus, type Passage, type RetrievalResult } from '../../../shared/models/memory';
import { toMatchExpression } from '../manuscript';
import { NO_MODEL_NOTICE, REBUILDING_NOTICE, type Embedder } from './embedder';
import type { PassageFilter, PassageRepo, PassageRow } from './passage.repo';
import type { Retriever } from './retrieval.types';
import type { VectorStore } from './vector-store/vector-store.types';

export interface RetrieverDeps {
  passages: PassageRepo;
  embedder: Embedder;
  vectors: VectorStore;
  /** The stored vectors are of another model than the one answering now: rebuild (as a job). */
  onSpaceMismatch(projectId: string): void;
  /** Whether a rebuild of this project's vectors is under way (jobs queued or running). */
  isRebuilding(projectId: string): boolean;
}

/** Reciprocal-rank fusion constant: the usual 60 keeps one list's top hit from drowning the other list. */
const RRF_K = 60;
/** A pinned memory counts as if a third list had ranked it first. */
const PINNED_BONUS = 1 / (RRF_K + 1);
/** Each retriever reads this many candidates per passage asked for, so filters and fusion have room. */
const CANDIDATES_PER_RESULT = 4;

interface Ranked {
  id: number;
  score: number;
  matchedBy: Array<'text' | 'meaning'>;
}

/**
 * Hybrid retrieval (issue 7, point 4): BM25 over the chunks' words and KNN over their vectors,
 * each filtered to live sources and the query's filters, fused by reciprocal rank; pinned
 * memories are favoured, archived ones never returned. With no embedding model (or vectors of
 * another model) it answers by words alone and says why in `meaning` and `notice`.
 */
export function createRetriever(deps: RetrieverDeps): Retriever {
  const { passages, embedder, vectors } = deps;

  const byMeaning = async (filter: PassageFilter, query: string, k: number, signal: AbortSignal): Promise<{ ids: number[]; meaning: MeaningStatus }> => {
    if (!passages.hasChunks(filter.projectId)) {
      // Nothing to search yet; still say "no model" when that is known, since indexing alone won't turn meaning search on.
      return { ids: [], meaning: embedder.availability().status === 'no-model' ? 'no-model' : 'not-indexed' };
    }
    const outcome = await embedder.embed([query], signal);
    if (!outcome.ok) return { ids: [], meaning: 'no-model' };
    const stored = vectors.space();
    if (!stored || stored.model !== outcome.space.model || stored.dimensions !== outcome.space.dimensions) {
      if (stored) {
        deps.onSpaceMismatch(filter.projectId);
        return { ids: [], meaning: 'rebuilding' };
      }
      return { ids: [], meaning: deps.isRebuilding(filter.projectId) ? 'rebuilding' : 'not-indexed' };
    }
    const [vector] = outcome.vectors;
    if (!vector) return { ids: [], meaning: 'ready' };
    // Filters apply after the nearest-neighbour search, so a filtered query reads more neighbours.
    const filtered = (filter.sources?.length ?? 0) > 0 || (filter.kinds?.length ?? 0) > 0 || (filter.markers?.length ?? 0) > 0 || filter.agent !== undefined;
    const hits = await vectors.search(filter.projectId, vector, filtered ? k * 4 : k);
    const allowed = new Set(passages.describe(filter, hits.map((hit) => hit.id)).map((row) => row.id));
    return { ids: hits.filter((hit) => allowed.has(hit.id)).map((hit) => hit.id).slice(0, k), meaning: deps.isRebuilding(filter.projectId) ? 'rebuilding' : 'ready' };
  };

  return {
    async retrieve(input, options = {}) {
      const query = retrievalQuerySchema.parse(input);
      const signal = options.signal ?? new AbortController().signal;
      const filter: PassageFilter = { projectId: query.projectId, sources: query.sources, kinds: query.kinds, markers: query.markers, agent: query.agent };
      const k = Math.max(query.limit * CANDIDATES_PER_RESULT, 20);

      const meaning = query.mode === 'text' ? null : await byMeaning(filter, query.query, k, signal);
      // Meaning search unavailable: a meaning-only query falls back to words rather than finding nothing.
      const useText = query.mode !== 'meaning' || meaning === null || meaning.meaning !== 'ready';
      const match = useText ? toMatchExpression(query.query) : null;
      const textIds = match === null ? [] : passages.searchText(filter, match, k);

      const fused = fuse([
        { ids: textIds, by: 'text' },
        { ids: meaning?.ids ?? [], by: 'meaning' },
      ]);
      const rows = new Map(passages.describe(filter, fused.map((hit) => hit.id)).map((row) => [row.id, row]));
      const ranked = fused
        .flatMap((hit) => {
          const row = rows.get(hit.id);
          return row ? [{ ...hit, row, score: hit.score + (row.pinned === 1 ? PINNED_BONUS : 0) }] : [];
        })
        .sort((a, b) => b.score - a.score || a.id - b.id)
        .slice(0, query.limit);

      const status: MeaningStatus = meaning?.meaning ?? (vectors.space() ? 'ready' : 'not-indexed');
      return {
        passages: ranked.map((hit) => toPassage(hit.row, hit.score, hit.matchedBy)),
        meaning: status,
        notice: noticeFor(query.mode, status),
      } satisfies RetrievalResult;
    },
  };
}

function fuse(lists: ReadonlyArray<{ ids: readonly number[]; by: 'text' | 'meaning' }>): Ranked[] {
  const scores = new Map<number, Ranked>();
  for (const list of lists) {
    list.ids.forEach((id, rank) => {
      const hit = scores.get(id) ?? { id, score: 0, matchedBy: [] };
      hit.score += 1 / (RRF_K + rank + 1);
      if (!hit.matchedBy.includes(list.by)) hit.matchedBy.push(list.by);
      scores.set(id, hit);
    });
  }
  return [...scores.values()];
}

function noticeFor(mode: string, meaning: MeaningStatus): string | null {
  if (mode === 'text') return null;
  if (meaning === 'no-model') return NO_MODEL_NOTICE;
  if (meaning === 'rebuilding') return REBUILDING_NOTICE;
  if (meaning === 'not-indexed') return 'Nothing is indexed for meaning search yet; search matches words until indexing is done.';
  return null;
}

/** "Chapter 3 · The Harbour" (the scene's title, else its chapter's), "Codex · Mara", "Memory". */
export function passageLabel(row: Pick<PassageRow, 'sourceType' | 'chapterNumber' | 'chapterTitle' | 'sceneTitle' | 'codexName'>): string {
  if (row.sourceType === 'codex') return `Codex · ${row.codexName ?? ''}`.trim();
  if (row.sourceType === 'memory') return 'Memory';
  const title = row.sceneTitle?.trim() || row.chapterTitle?.trim() || '';
  return `Chapter ${row.chapterNumber ?? '?'}${title ? ` · ${title}` : ''}`;
}

function toPassage(row: PassageRow, score: number, matchedBy: Passage['matchedBy']): Passage {
  return {
    chunkId: row.chunkKey,
    source: {
      type: row.sourceType,
      id: row.sourceId,
      label: passageLabel(row),
      chapterId: row.chapterId,
      range: row.rangeFrom === null || row.rangeTo === null ? null : { from: row.rangeFrom, to: row.rangeTo },
    },
    text: row.text,
    score,
    matchedBy: [...matchedBy].sort(),
  };
}
