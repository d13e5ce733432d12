import type { EpisodicMemories, EpisodicRecord, SummarySource } from '../core/summaries';

/** An episodic memory as the fake keeps it: every version's text, newest last. */
export interface FakeEpisodic extends EpisodicRecord {
  projectId: string;
  source: SummarySource;
  content: string;
  markers: string[];
  versions: string[];
}

/**
 * Episodic memories in a map, for tests of the summary jobs that do not need the memory
 * domain's tables: one per source, a new version on each changed write (unchanged text writes
 * nothing, as the memory service does).
 */
export function createFakeEpisodicMemories(now: () => number = Date.now): EpisodicMemories & { all(): FakeEpisodic[] } {
  const byKey = new Map<string, FakeEpisodic>();
  const key = (projectId: string, source: SummarySource) => `${projectId}/${source.type}/${source.id}`;
  let next = 1;
  return {
    all: () => [...byKey.values()],
    find: (projectId, source) => {
      const found = byKey.get(key(projectId, source));
      return found ? { id: found.id, version: found.version, updatedAt: found.updatedAt } : null;
    },
    write({ projectId, source, content, markers }) {
      const found = byKey.get(key(projectId, source));
      if (found && found.content === content && found.markers.join() === markers.join()) return found;
      const entry: FakeEpisodic = found
        ? { ...found, content, markers: [...markers], version: found.version + 1, updatedAt: now(), versions: [...found.versions, content] }
        : { id: `memory-${next++}`, projectId, source, content, markers: [...markers], version: 1, updatedAt: now(), versions: [content] };
      byKey.set(key(projectId, source), entry);
      return { id: entry.id, version: entry.version, updatedAt: entry.updatedAt };
    },
  };
}
