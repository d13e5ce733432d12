import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Agent } from '../../../shared/models/agents';
import { Limits } from '../../../shared/models/common';
import { MAX_CONTEXT_SOURCES } from '../../../shared/models/context-source';
import type { MemoryKind, Passage } from '../../../shared/models/memory';
import { estimateTokens } from '../llm';
import type { Logger } from '../platform/logger';
import { fitPassages, type PassageRetriever } from '../writing-ai';

/** A memory as the agent context reads it from the memory service's list. */
export interface ScopedMemory {
  id: string;
  content: string;
  markers: readonly string[];
  pinned: boolean;
}

/** The memory service's list, as far as an agent's context needs it (filtered to kinds and the agent's scope). */
export interface ScopedMemorySource {
  list(filter: { projectId: string; kinds: readonly MemoryKind[]; agent: string; limit: number }): readonly ScopedMemory[];
}

export interface AgentContextDeps {
  retriever: PassageRetriever;
  memories: ScopedMemorySource;
  logger: Logger;
}

export interface AgentContextRequest {
  projectId: string;
  /** What retrieval looks for: the step's inputs. */
  query: string;
  /** Tokens the memories and passages may take together. */
  budget: number;
  signal: AbortSignal;
}

/** What an agent is given: its readable memories (pinned first) and passages, and the tokens they take. */
export interface AgentContext {
  memory: string;
  passages: string;
  tokens: number;
}

/** Passages asked for per retrieval; the budget decides how many are given. */
const CANDIDATES = 12;
/** How many of the agent's memories are read to find its pinned ones and to check marker types. */
const MEMORY_READ = 1_000;
/** Pinned memories may take at most this share of the budget, so passages keep some room. */
const PINNED_SHARE = 0.5;
/** Framing each memory or passage costs beside its text (its label line, blank lines). */
const OVERHEAD_TOKENS = 12;
/** How long a step waits for retrieval before it goes on without passages (ms). */
const RETRIEVAL_TIMEOUT_MS = 10_000;

const markerType = (marker: string) => marker.slice(0, marker.indexOf(':'));

/**
 * An agent's context within its memory scope and a token budget: the manuscript and codex
 * passages retrieval finds (every agent reads the book), plus the memories of the kinds it
 * reads, scoped to all agents (`*`) or to it — never another agent's — and, when it names marker
 * types, only memories carrying a marker of one of them. Pinned memories come first. Retrieval
 * failing never fails the step: the agent works from less context.
 */
export function createAgentContext(deps: AgentContextDeps) {
  const readable = (agent: Agent, projectId: string): ScopedMemory[] => {
    const { kinds, markerTypes } = agent.memoryScope.reads;
    if (kinds.length === 0) return [];
    const listed = deps.memories.list({ projectId, kinds, agent: agent.id, limit: MEMORY_READ });
    return markerTypes.length === 0 ? [...listed] : listed.filter((m) => m.markers.some((marker) => markerTypes.includes(markerType(marker))));
  };

  const search = async (agent: Agent, request: AgentContextRequest): Promise<Passage[]> => {
    const query = request.query.replace(/\s+/g, ' ').trim().slice(0, Limits.query);
    if (!query) return [];
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(RETRIEVAL_TIMEOUT_MS)]);
    const { kinds } = agent.memoryScope.reads;
    const base = { projectId: request.projectId, query, limit: CANDIDATES };
    try {
      const [book, memories] = await Promise.all([
        deps.retriever.retrieve({ ...base, sources: ['scene', 'codex'] }, { signal }),
        kinds.length > 0 ? deps.retriever.retrieve({ ...base, sources: ['memory'], kinds: [...kinds], agent: agent.id }, { signal }) : null,
      ]);
      return [...book.passages, ...(memories?.passages ?? [])].sort((a, b) => b.score - a.score);
    } catch (error) {
      if (request.signal.aborted) throw new AppError(ErrorCode.CANCELLED, 'Stopped.', { cause: error });
      deps.logger.warn({ err: error, projectId: request.projectId, agentId: agent.id }, 'retrieval failed; the agent works without passages');
      return [];
    }
  };

  return {
    async gather(agent: Agent, request: AgentContextRequest): Promise<AgentContext> {
      if (request.budget <= 0) return { memory: '', passages: '', tokens: 0 };
      const memories = readable(agent, request.projectId);
      // Retrieval filters kinds and scope itself; marker types only the listed memories can tell.
      const byMarker = agent.memoryScope.reads.markerTypes.length > 0;
      const allowed = new Set(memories.map((m) => m.id));
      let room = request.budget;
      const pinned: ScopedMemory[] = [];
      let pinnedRoom = Math.floor(request.budget * PINNED_SHARE);
      for (const memory of memories.filter((m) => m.pinned)) {
        if (pinned.length >= MAX_CONTEXT_SOURCES / 2) break;
        const cost = estimateTokens(memory.content) + OVERHEAD_TOKENS;
        // A long memory that does not fit may leave room for a shorter one.
        if (cost > pinnedRoom) continue;
        pinned.push(memory);
        pinnedRoom -= cost;
        room -= cost;
      }
      const given = new Set(pinned.map((m) => m.id));
      const fitted = fitPassages(await search(agent, request), {
        room,
        max: MAX_CONTEXT_SOURCES - pinned.length,
        // A memory passage must be one the scope reads (marker types) and not given already.
        skip: (passage) => passage.source.type === 'memory' && ((byMarker && !allowed.has(passage.source.id)) || given.has(passage.source.id)),
      });
      const passages = fitted.passages;
      room = fitted.room;
      return {
        memory: pinned.map((m) => `- ${m.content.trim()}`).join('\n'),
        passages: passages.map((p) => `[${p.source.label}]\n${p.text.trim()}`).join('\n\n'),
        tokens: request.budget - room,
      };
    },
  };
}

export type AgentContextSource = ReturnType<typeof createAgentContext>;
