import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../shared/models/agents';
import type { Passage, RetrievalQuery } from '../../../shared/models/memory';
import { estimateTokens } from '../llm';
import { silentLogger } from '../platform/logger';
import { createAgentContext, type ScopedMemory } from './agent-context';

const agent = (reads: Agent['memoryScope']['reads']): Agent => ({
  id: 'writer',
  name: 'Writer',
  crew: 'writing',
  persona: 'p',
  description: 'd',
  taskClass: 'creative',
  contextBudget: 1000,
  memoryScope: { reads, writes: null },
  capabilities: [{ id: 'draft-scene', description: 'd', promptId: 'agent-writer-draft-scene', inputs: [], proposes: [] }],
  source: 'builtin',
});
const passage = (type: Passage['source']['type'], id: string, text: string, score: number): Passage => ({
  chunkId: id,
  source: { type, id, label: `${type} ${id}`, chapterId: null, range: null },
  text,
  score,
  matchedBy: ['text'],
});
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function setup(options: { memories?: ScopedMemory[]; book?: Passage[]; memoryPassages?: Passage[]; fail?: boolean } = {}) {
  const queries: RetrievalQuery[] = [];
  const lists: unknown[] = [];
  const context = createAgentContext({
    logger: silentLogger(),
    memories: {
      list: (filter) => {
        lists.push(filter);
        return options.memories ?? [];
      },
    },
    retriever: {
      retrieve: (query) => {
        queries.push(query);
        if (options.fail) return Promise.reject(new Error('index gone'));
        return Promise.resolve({ passages: query.sources?.includes('memory') ? (options.memoryPassages ?? []) : (options.book ?? []), meaning: 'ready', notice: null });
      },
    },
  });
  return { context, queries, lists };
}
const request = (budget: number) => ({ projectId: ID(1), query: 'the lamp', budget, signal: new AbortController().signal });

describe('an agent’s context', () => {
  it('asks retrieval for the book, and for memories of its kinds scoped to it', async () => {
    const { context, queries, lists } = setup();
    await context.gather(agent({ kinds: ['core', 'episodic'], markerTypes: [] }), request(500));
    expect(lists).toEqual([{ projectId: ID(1), kinds: ['core', 'episodic'], agent: 'writer', limit: 1000 }]);
    expect(queries).toEqual([
      { projectId: ID(1), query: 'the lamp', limit: 12, sources: ['scene', 'codex'] },
      { projectId: ID(1), query: 'the lamp', limit: 12, sources: ['memory'], kinds: ['core', 'episodic'], agent: 'writer' },
    ]);
  });

  it('reads no memory when its scope has no kinds', async () => {
    const { context, queries, lists } = setup({ memories: [{ id: ID(2), content: 'x', markers: [], pinned: true }] });
    const result = await context.gather(agent({ kinds: [], markerTypes: [] }), request(500));
    expect(lists).toEqual([]);
    expect(queries.map((q) => q.sources)).toEqual([['scene', 'codex']]);
    expect(result.memory).toBe('');
  });

  it('fills the budget best first, skipping what does not fit, pinned memories first and not twice', async () => {
    const long = 'word '.repeat(400);
    const { context } = setup({
      memories: [
        { id: ID(2), content: 'Pinned fact.', markers: [], pinned: true },
        { id: ID(3), content: 'Unpinned fact.', markers: [], pinned: false },
      ],
      book: [passage('scene', ID(10), long, 0.9), passage('scene', ID(11), 'A short scene passage.', 0.5)],
      memoryPassages: [passage('memory', ID(2), 'Pinned fact.', 0.8), passage('memory', ID(3), 'Unpinned fact.', 0.7)],
    });
    const result = await context.gather(agent({ kinds: ['core'], markerTypes: [] }), request(200));
    expect(result.memory).toBe('- Pinned fact.');
    expect(result.passages).toBe(`[memory ${ID(3)}]\nUnpinned fact.\n\n[scene ${ID(11)}]\nA short scene passage.`);
    expect(result.tokens).toBeLessThanOrEqual(200);
    expect(result.tokens).toBeGreaterThanOrEqual(estimateTokens('Pinned fact.Unpinned fact.A short scene passage.'));
    expect(await context.gather(agent({ kinds: ['core'], markerTypes: [] }), request(0))).toEqual({ memory: '', passages: '', tokens: 0 });
  });

  it('keeps only memories with a marker of its marker types', async () => {
    const { context } = setup({
      memories: [
        { id: ID(2), content: 'Mara is afraid of water.', markers: ['character:Mara'], pinned: true },
        { id: ID(3), content: 'Set in 1890.', markers: ['period:1890'], pinned: true },
        { id: ID(4), content: 'Tomas lies.', markers: ['character:Tomas'], pinned: false },
      ],
      memoryPassages: [passage('memory', ID(4), 'Tomas lies.', 0.9), passage('memory', ID(5), 'Not listed.', 0.8)],
    });
    const result = await context.gather(agent({ kinds: ['core'], markerTypes: ['character'] }), request(500));
    expect(result.memory).toBe('- Mara is afraid of water.');
    expect(result.passages).toBe(`[memory ${ID(4)}]\nTomas lies.`);
  });

  it('stops with CANCELLED when the step is cancelled during retrieval', async () => {
    const { context } = setup({ fail: true });
    const controller = new AbortController();
    controller.abort();
    await expect(context.gather(agent({ kinds: [], markerTypes: [] }), { ...request(500), signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('goes on without passages when retrieval fails', async () => {
    const { context } = setup({ fail: true, memories: [{ id: ID(2), content: 'Pinned.', markers: [], pinned: true }] });
    expect(await context.gather(agent({ kinds: ['core'], markerTypes: [] }), request(500))).toMatchObject({ memory: '- Pinned.', passages: '' });
  });
});
