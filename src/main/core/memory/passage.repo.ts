import type Database from 'better-sqlite3';
import type { MemoryKind, PassageSourceType } from '../../../shared/models/memory';
import { projectToken } from '../manuscript';
import { memoryConditions } from './memory.repo';

/** Which passages a retrieval may return. */
export interface PassageFilter {
  projectId: string;
  sources?: readonly PassageSourceType[] | undefined;
  kinds?: readonly MemoryKind[] | undefined;
  markers?: readonly string[] | undefined;
  agent?: string | undefined;
}

/** A chunk with what a passage shows about its source. */
export interface PassageRow {
  id: number;
  chunkKey: string;
  sourceType: PassageSourceType;
  sourceId: string;
  rangeFrom: number | null;
  rangeTo: number | null;
  text: string;
  chapterId: string | null;
  chapterNumber: number | null;
  chapterTitle: string | null;
  sceneTitle: string | null;
  codexName: string | null;
  pinned: number | null;
}

const JOINS = `from memory_chunks ch
  left join scenes s on ch.source_type = 'scene' and s.id = ch.source_id
  left join chapters c on c.id = s.chapter_id
  left join codex_entries x on ch.source_type = 'codex' and x.id = ch.source_id
  left join memory_entries e on ch.source_type = 'memory' and e.id = ch.source_id`;

const COLUMNS = `ch.id, ch.chunk_key as chunkKey, ch.source_type as sourceType, ch.source_id as sourceId,
  ch.range_from as rangeFrom, ch.range_to as rangeTo, ch.text, s.chapter_id as chapterId,
  case when c.id is null then null else (select count(*) from chapters c2 where c2.project_id = c.project_id and c2.deleted_at is null and (c2.position, c2.id) <= (c.position, c.id)) end as chapterNumber,
  c.title as chapterTitle, s.title as sceneTitle, x.name as codexName, e.pinned`;

/**
 * The rules every passage obeys, as SQL over {@link JOINS}: its source is live (a trashed scene
 * or codex entry, an archived memory never comes back), and the filters hold. Kinds and
 * markers describe memories, so setting either leaves scenes and codex entries out; an agent's
 * scope narrows memories only (the manuscript and codex are every agent's to read).
 */
function conditions(filter: PassageFilter): { where: string; params: Record<string, unknown> } {
  const memory = memoryConditions({ kinds: filter.kinds, markers: filter.markers, agent: filter.agent });
  const memoryOnly = (filter.kinds?.length ?? 0) > 0 || (filter.markers?.length ?? 0) > 0;
  const parts = [
    'ch.project_id = @projectId',
    `((ch.source_type = 'scene' and s.id is not null and s.deleted_at is null and c.deleted_at is null)
      or (ch.source_type = 'codex' and x.id is not null and x.deleted_at is null)
      or (ch.source_type = 'memory' and e.id is not null ${memory.sql.map((condition) => `and ${condition}`).join(' ')}))`,
  ];
  const params: Record<string, unknown> = { ...memory.params, projectId: filter.projectId };
  if (memoryOnly) parts.push("ch.source_type = 'memory'");
  if (filter.sources && filter.sources.length > 0) {
    parts.push('ch.source_type in (select value from json_each(@sources))');
    params.sources = JSON.stringify(filter.sources);
  }
  return { where: parts.join(' and '), params };
}

/** Queries over indexed chunks as passages: by words (BM25), and by ids (the vector hits). */
export function createPassageRepo(sqlite: Database.Database) {
  return {
    /** Chunk ids matching an FTS5 expression, best first (BM25), filtered. */
    searchText(filter: PassageFilter, match: string, limit: number): number[] {
      const { where, params } = conditions(filter);
      return sqlite
        .prepare<Record<string, unknown>, number>(
          `select ch.id from memory_chunk_fts join memory_chunks ch on ch.id = memory_chunk_fts.rowid
           ${JOINS.replace('from memory_chunks ch', '')}
           where memory_chunk_fts match @match and ${where} order by bm25(memory_chunk_fts) limit @limit`,
        )
        .pluck()
        .all({ ...params, match: `project : ${projectToken(filter.projectId)} AND text : (${match})`, limit });
    },
    /** The passages among `ids` that pass the filter, in no particular order. */
    describe(filter: PassageFilter, ids: readonly number[]): PassageRow[] {
      if (ids.length === 0) return [];
      const { where, params } = conditions(filter);
      return sqlite
        .prepare<Record<string, unknown>, PassageRow>(`select ${COLUMNS} ${JOINS} where ch.id in (select value from json_each(@ids)) and ${where}`)
        .all({ ...params, ids: JSON.stringify(ids) });
    },
    /** Whether anything of the project is indexed. */
    hasChunks(projectId: string): boolean {
      return sqlite.prepare('select 1 from memory_chunks where project_id = ? limit 1').get(projectId) !== undefined;
    },
  };
}

export type PassageRepo = ReturnType<typeof createPassageRepo>;
