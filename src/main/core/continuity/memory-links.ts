import type { MemoryEntry, MemoryKind, MemorySource } from '../../../shared/models/memory';
import type { AssociativeLink, AssociativeMemory } from './associative-memory';

/** The part of the memory domain's service the links need (structural: no import of the domain). */
export interface MemoryEntries {
  list(filter: { projectId: string; kinds?: readonly MemoryKind[]; sourceTypes?: readonly string[]; includeArchived?: boolean; limit?: number }): MemoryEntry[];
  create(input: { projectId: string; kind: MemoryKind; content: string; markers?: readonly string[]; source?: MemorySource }): MemoryEntry;
  delete(id: string): void;
}

const sameMarkers = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((m, i) => m === [...b].sort()[i]);

/**
 * Associative memories made by continuity checks, kept equal to what each scene states: a link
 * still stated stays as it is, a new one is added, one no longer stated is deleted — unless the
 * writer pinned or edited it (their memory now, not the check's).
 */
export function createMemoryLinks(memories: MemoryEntries): AssociativeMemory {
  return {
    replaceSceneLinks(projectId, sceneId, links) {
      const existing = memories
        .list({ projectId, kinds: ['associative'], sourceTypes: ['scene'], includeArchived: true, limit: 500 })
        .filter((entry) => entry.source.id === sceneId);
      const wanted: AssociativeLink[] = [];
      for (const link of links) {
        if (!wanted.some((w) => w.content === link.content)) wanted.push(link);
      }
      const kept = new Set<string>();
      for (const link of wanted) {
        const match = existing.find((entry) => !kept.has(entry.id) && entry.content === link.content && sameMarkers(entry.markers, link.markers));
        if (match) kept.add(match.id);
        else memories.create({ projectId, kind: 'associative', content: link.content, markers: link.markers, source: { type: 'scene', id: sceneId, range: link.range } });
      }
      for (const entry of existing) {
        if (!kept.has(entry.id) && !entry.pinned && entry.version === 1) memories.delete(entry.id);
      }
    },
  };
}
