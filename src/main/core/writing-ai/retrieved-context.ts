import { Limits } from '../../../shared/models/common';
import { MAX_CONTEXT_SOURCES, SOURCE_EXCERPT_CHARS, type ContextSource } from '../../../shared/models/context-source';
import type { Passage, RetrievalQuery, RetrievalResult } from '../../../shared/models/memory';
import { estimateTokens } from '../llm';
import type { Logger } from '../platform/logger';

/**
 * The memory domain's `Retriever` (memory/retrieval.types.ts), as far as the AI features use it.
 * Declared here by shape so this domain does not depend on memory's internals.
 */
export interface PassageRetriever {
  retrieve(query: RetrievalQuery, options?: { signal?: AbortSignal }): Promise<RetrievalResult>;
}

/** A pinned core memory: a standing fact or preference that goes with every request. */
export interface PinnedMemory {
  id: string;
  content: string;
}

/** Where pinned core memories come from (the memory service). */
export interface PinnedMemorySource {
  pinned(projectId: string): readonly PinnedMemory[];
}

/** What one request is given from the book and memory, rendered for the prompt, and its sources. */
export interface GatheredContext {
  /** Pinned core memories, one per line ("" when none). */
  memory: string;
  /** Retrieved passages, each under its label ("" when none). */
  passages: string;
  /** What was given, in the order given: pinned memories first. */
  sources: ContextSource[];
}

export interface GatherRequest {
  projectId: string;
  /** What to look for: the writer's message, or the selection and the text around it. */
  query: string;
  /** Tokens the memories and passages may take together. */
  budget: number;
  /** Passages already in the prompt (the text around the cursor): not given twice. */
  alreadyShown?: string;
  signal?: AbortSignal;
}

/** How many passages are asked for; the budget decides how many are given. */
const CANDIDATES = 12;
/** Pinned memories may take at most this share of the budget, so passages keep some room. */
const PINNED_SHARE = 0.5;
/** How long a request waits for retrieval before it goes on without passages (ms). */
const RETRIEVAL_TIMEOUT_MS = 10_000;
/** Framing each passage costs beside its text (its label line, blank lines). */
const PASSAGE_OVERHEAD_TOKENS = 12;

export interface RetrievedContextDeps {
  retriever: PassageRetriever;
  memories: PinnedMemorySource;
  logger: Logger;
}

/**
 * Takes a request's context from retrieval (issue 7, point 4): the pinned core memories always,
 * then the passages the hybrid search finds for the query, best first, within a token budget.
 * Memory failing never fails the request: the writer still gets an answer, from less context.
 */
export function createRetrievedContext(deps: RetrievedContextDeps) {
  const search = async (request: GatherRequest): Promise<Passage[]> => {
    const query = request.query.trim().slice(0, Limits.query);
    if (!query) return [];
    // Bounded: a cold embedding model must not hold the answer back for long.
    const signal = request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(RETRIEVAL_TIMEOUT_MS)]) : AbortSignal.timeout(RETRIEVAL_TIMEOUT_MS);
    try {
      const result = await deps.retriever.retrieve({ projectId: request.projectId, query, limit: CANDIDATES }, { signal });
      return result.passages;
    } catch (error) {
      deps.logger.warn({ err: error, projectId: request.projectId }, 'retrieval failed; answering without passages');
      return [];
    }
  };

  return {
    async gather(request: GatherRequest): Promise<GatheredContext> {
      const pinned = fitPinned(deps.memories.pinned(request.projectId), Math.floor(request.budget * PINNED_SHARE));
      const room = request.budget - pinned.reduce((sum, m) => sum + estimateTokens(m.content) + PASSAGE_OVERHEAD_TOKENS, 0);
      const pinnedIds = new Set(pinned.map((m) => m.id));
      const shown = normalise(request.alreadyShown ?? '');
      const { passages } = fitPassages(await search(request), {
        room,
        max: MAX_CONTEXT_SOURCES - pinned.length,
        skip: (passage) => (passage.source.type === 'memory' && pinnedIds.has(passage.source.id)) || (shown !== '' && shown.includes(normalise(passage.text).slice(0, 80))),
      });
      return {
        memory: pinned.map((m) => `- ${m.content.trim()}`).join('\n'),
        passages: passages.map((p) => `[${p.source.label}]\n${p.text.trim()}`).join('\n\n'),
        sources: [...pinned.map(pinnedSource), ...passages.map(passageSource)],
      };
    },
  };
}

export type RetrievedContext = ReturnType<typeof createRetrievedContext>;

/**
 * The passages, best first, that fit `room` tokens (each costs its text and a label's
 * overhead), at most `max`, leaving out those `skip` names. A long passage that does not fit
 * may leave room for a shorter, lower-ranked one. Returns them with the room left.
 */
export function fitPassages(candidates: readonly Passage[], options: { room: number; max: number; skip?: (passage: Passage) => boolean }): { passages: Passage[]; room: number } {
  let room = options.room;
  const passages: Passage[] = [];
  for (const passage of candidates) {
    if (passages.length >= options.max) break;
    if (options.skip?.(passage)) continue;
    const cost = estimateTokens(passage.text) + PASSAGE_OVERHEAD_TOKENS;
    if (cost > room) continue;
    room -= cost;
    passages.push(passage);
  }
  return { passages, room };
}

/** The pinned memories that fit `budget`, in the order the memory service gives them. */
function fitPinned(memories: readonly PinnedMemory[], budget: number): PinnedMemory[] {
  const kept: PinnedMemory[] = [];
  let used = 0;
  for (const memory of memories) {
    const cost = estimateTokens(memory.content) + PASSAGE_OVERHEAD_TOKENS;
    if (used + cost > budget || kept.length >= MAX_CONTEXT_SOURCES / 2) break;
    kept.push(memory);
    used += cost;
  }
  return kept;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The start of a text, cut at a word, for a source's preview. */
export function excerptOf(text: string): string {
  const flat = normalise(text);
  if (flat.length <= SOURCE_EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, SOURCE_EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > SOURCE_EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

function passageSource(passage: Passage): ContextSource {
  const { type, id, label, chapterId, range } = passage.source;
  return { type, id, label, chapterId, range, excerpt: excerptOf(passage.text), pinned: false };
}

function pinnedSource(memory: PinnedMemory): ContextSource {
  return { type: 'memory', id: memory.id, label: 'Memory', chapterId: null, range: null, excerpt: excerptOf(memory.content), pinned: true };
}

/** Whether a prompt's templates use a variable (a writer's edit may not use the newer ones). */
export function usesVariable(templates: { system: string; user: string }, name: string): boolean {
  const pattern = new RegExp(`\\{\\{\\s*(?:#if\\s+)?${name}\\s*\\}\\}`);
  return pattern.test(templates.system) || pattern.test(templates.user);
}

/** How many pinned memories are read per request (the budget then decides how many are given). */
const PINNED_READ = 50;

/**
 * Pinned memories from the memory service's list (pinned first, then newest): the pinned ones
 * every agent may read (`*`), archived ones left out as the list does by default.
 */
export function pinnedFromMemory(list: (filter: { projectId: string; limit: number }) => ReadonlyArray<{ id: string; content: string; pinned: boolean; agentScope: readonly string[] }>): PinnedMemorySource {
  return {
    pinned: (projectId) =>
      list({ projectId, limit: PINNED_READ })
        .filter((entry) => entry.pinned && entry.agentScope.includes('*'))
        .map((entry) => ({ id: entry.id, content: entry.content })),
  };
}
