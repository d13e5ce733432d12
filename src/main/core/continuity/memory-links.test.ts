import { describe, expect, it } from 'vitest';
import type { MemoryEntry } from '../../../shared/models/memory';
import { createMemoryLinks, type MemoryEntries } from './memory-links';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const SCENE = '00000000-0000-4000-8000-000000000002';
const OTHER_SCENE = '00000000-0000-4000-8000-000000000003';

/** Memories in a list, as the memory service keeps them (filters it is asked for applied). */
function fakeMemories(): MemoryEntries & { entries: MemoryEntry[] } {
  const entries: MemoryEntry[] = [];
  let n = 0;
  return {
    entries,
    list: (filter) => entries.filter((e) => e.projectId === filter.projectId && (!filter.kinds || filter.kinds.includes(e.kind)) && (!filter.sourceTypes || filter.sourceTypes.includes(e.source.type))),
    create(input) {
      n += 1;
      const entry: MemoryEntry = {
        id: `00000000-0000-4000-8000-1000000000${String(n).padStart(2, '0')}`,
        projectId: input.projectId,
        kind: input.kind,
        content: input.content,
        markers: [...(input.markers ?? [])],
        agentScope: ['*'],
        source: input.source ?? { type: 'writer', id: null, range: null },
        version: 1,
        pinned: false,
        archived: false,
        createdAt: 1,
        updatedAt: 1,
      };
      entries.push(entry);
      return entry;
    },
    delete(id) {
      entries.splice(entries.findIndex((e) => e.id === id), 1);
    },
  };
}

const sister = { content: 'Tomas — sister — Mara', markers: ['character:Tomas', 'character:Mara'], range: { from: 0, to: 10 } };
const friend = { content: 'Mara — friend — Ilse', markers: ['character:Mara', 'character:Ilse'], range: null };

describe('associative memories from continuity checks', () => {
  it('makes one associative memory per link, with both markers and the scene as source', () => {
    const memories = fakeMemories();
    createMemoryLinks(memories).replaceSceneLinks(PROJECT, SCENE, [sister, sister]);
    expect(memories.entries).toEqual([
      expect.objectContaining({ kind: 'associative', content: sister.content, markers: sister.markers, source: { type: 'scene', id: SCENE, range: sister.range } }),
    ]);
  });

  it('keeps what is still stated, adds what is new and forgets what is gone, scene by scene', () => {
    const memories = fakeMemories();
    const links = createMemoryLinks(memories);
    links.replaceSceneLinks(PROJECT, SCENE, [sister]);
    links.replaceSceneLinks(PROJECT, OTHER_SCENE, [friend]);
    const first = memories.entries[0]?.id;
    links.replaceSceneLinks(PROJECT, SCENE, [sister]);
    expect(memories.entries.map((e) => e.id)).toHaveLength(2);
    expect(memories.entries[0]?.id).toBe(first);
    links.replaceSceneLinks(PROJECT, SCENE, []);
    expect(memories.entries.map((e) => e.content)).toEqual([friend.content]);
  });

  it('never deletes a link the writer pinned or edited', () => {
    const memories = fakeMemories();
    const links = createMemoryLinks(memories);
    links.replaceSceneLinks(PROJECT, SCENE, [sister, friend]);
    (memories.entries[0] as MemoryEntry).pinned = true;
    (memories.entries[1] as MemoryEntry).version = 2;
    links.replaceSceneLinks(PROJECT, SCENE, []);
    expect(memories.entries).toHaveLength(2);
  });
});
