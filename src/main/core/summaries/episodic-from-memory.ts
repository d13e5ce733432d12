import type { MemoryEntry } from '../../../shared/models/memory';
import type { EpisodicMemories, EpisodicRecord, SummarySource } from './episodic-memories';

/** The memory service as far as summaries use it (memory/memory.service.ts fits). */
export interface MemoryEntries {
  list(filter: {
    projectId: string;
    kinds?: readonly ['episodic'];
    sourceTypes?: readonly string[];
    includeArchived?: boolean;
    limit?: number;
    offset?: number;
  }): MemoryEntry[];
  create(input: { projectId: string; kind: 'episodic'; content: string; markers?: readonly string[]; source?: MemoryEntry['source'] }): MemoryEntry;
  update(input: { id: string; version: number; content?: string; markers?: readonly string[] }): MemoryEntry;
}

const PAGE = 500;

const record = (entry: MemoryEntry): EpisodicRecord => ({ id: entry.id, version: entry.version, updatedAt: entry.updatedAt });

/**
 * Episodic memories kept as the memory domain's entries: one `episodic` entry per summarised
 * chat or scene, found by its source; writing again edits it, so the memory service keeps the
 * earlier text as a version. Archived summaries are still found (and kept up to date, archived).
 */
export function episodicFromMemory(entries: MemoryEntries): EpisodicMemories {
  const findEntry = (projectId: string, source: SummarySource): MemoryEntry | null => {
    for (let offset = 0; ; offset += PAGE) {
      const page = entries.list({ projectId, kinds: ['episodic'], sourceTypes: [source.type], includeArchived: true, limit: PAGE, offset });
      const found = page.find((entry) => entry.source.id === source.id);
      if (found) return found;
      if (page.length < PAGE) return null;
    }
  };
  return {
    find: (projectId, source) => {
      const entry = findEntry(projectId, source);
      return entry ? record(entry) : null;
    },
    write({ projectId, source, content, markers }) {
      const existing = findEntry(projectId, source);
      if (existing) return record(entries.update({ id: existing.id, version: existing.version, content, markers }));
      return record(entries.create({ projectId, kind: 'episodic', content, markers, source: { type: source.type, id: source.id, range: null } }));
    },
  };
}
