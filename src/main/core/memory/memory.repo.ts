import type Database from 'better-sqlite3';
import type { MemoryEntry, MemoryKind, MemorySource, MemoryVersion } from '../../../shared/models/memory';

interface EntryRow {
  id: string;
  projectId: string;
  kind: string;
  content: string;
  agentScope: string;
  sourceType: string;
  sourceId: string | null;
  rangeFrom: number | null;
  rangeTo: number | null;
  version: number;
  pinned: number;
  archived: number;
  createdAt: number;
  updatedAt: number;
  markers: string;
}

/** Which memories a list wants (see `memory.list`). */
export interface MemoryFilter {
  projectId: string;
  kinds?: readonly MemoryKind[] | undefined;
  markers?: readonly string[] | undefined;
  agent?: string | undefined;
  sourceTypes?: readonly string[] | undefined;
  includeArchived?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface NewMemory {
  id: string;
  projectId: string;
  kind: MemoryKind;
  content: string;
  markers: readonly string[];
  agentScope: readonly string[];
  source: MemorySource;
  pinned?: boolean;
  now: number;
}

const SELECT = `select e.id, e.project_id as projectId, e.kind, e.content, e.agent_scope as agentScope,
  e.source_type as sourceType, e.source_id as sourceId, e.range_from as rangeFrom, e.range_to as rangeTo,
  e.version, e.pinned, e.archived, e.created_at as createdAt, e.updated_at as updatedAt,
  (select json_group_array(marker) from (select marker from memory_markers where memory_id = e.id order by marker)) as markers
  from memory_entries e`;

/**
 * The SQL condition of a memory filter over `memory_entries e`, with its named parameters
 * (arrays travel as JSON). Shared by listing and retrieval so both read the same rules: every
 * marker must be present; an agent reads `*`-scoped memories and its own.
 */
export function memoryConditions(filter: Omit<MemoryFilter, 'projectId' | 'limit' | 'offset'>): { sql: string[]; params: Record<string, unknown> } {
  const sql: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter.includeArchived) sql.push('e.archived = 0');
  if (filter.kinds && filter.kinds.length > 0) {
    sql.push('e.kind in (select value from json_each(@kinds))');
    params.kinds = JSON.stringify(filter.kinds);
  }
  if (filter.sourceTypes && filter.sourceTypes.length > 0) {
    sql.push('e.source_type in (select value from json_each(@sourceTypes))');
    params.sourceTypes = JSON.stringify(filter.sourceTypes);
  }
  const markers = [...new Set(filter.markers ?? [])];
  if (markers.length > 0) {
    sql.push('(select count(*) from memory_markers m where m.memory_id = e.id and m.marker in (select value from json_each(@markers))) = @markerCount');
    params.markers = JSON.stringify(markers);
    params.markerCount = markers.length;
  }
  if (filter.agent !== undefined) {
    sql.push("exists (select 1 from json_each(e.agent_scope) s where s.value = '*' or s.value = @agent)");
    params.agent = filter.agent;
  }
  return { sql, params };
}

/** Storage of memory entries, their markers and their earlier versions. */
export function createMemoryRepo(sqlite: Database.Database) {
  const byId = sqlite.prepare<[string], EntryRow>(`${SELECT} where e.id = ?`);
  const insertEntry = sqlite.prepare(
    `insert into memory_entries (id, project_id, kind, content, agent_scope, source_type, source_id, range_from, range_to, version, pinned, archived, created_at, updated_at)
     values (@id, @projectId, @kind, @content, @agentScope, @sourceType, @sourceId, @rangeFrom, @rangeTo, 1, @pinned, 0, @now, @now)`,
  );
  const insertMarker = sqlite.prepare('insert or ignore into memory_markers (memory_id, marker, type, value) values (?, ?, ?, ?)');
  const clearMarkers = sqlite.prepare('delete from memory_markers where memory_id = ?');
  const insertVersion = sqlite.prepare('insert or replace into memory_versions (memory_id, version, content, markers, edited_at) values (?, ?, ?, ?, ?)');

  const writeMarkers = (memoryId: string, markers: readonly string[]) => {
    clearMarkers.run(memoryId);
    for (const marker of markers) {
      const colon = marker.indexOf(':');
      insertMarker.run(memoryId, marker, marker.slice(0, colon), marker.slice(colon + 1));
    }
  };

  return {
    find(id: string): MemoryEntry | undefined {
      const row = byId.get(id);
      return row && toEntry(row);
    },
    insert(memory: NewMemory): void {
      insertEntry.run({
        id: memory.id,
        projectId: memory.projectId,
        kind: memory.kind,
        content: memory.content,
        agentScope: JSON.stringify(memory.agentScope),
        sourceType: memory.source.type,
        sourceId: memory.source.id,
        rangeFrom: memory.source.range?.from ?? null,
        rangeTo: memory.source.range?.to ?? null,
        pinned: memory.pinned === true ? 1 : 0,
        now: memory.now,
      });
      writeMarkers(memory.id, memory.markers);
    },
    /** Keeps `before` as a version, then writes the new fields with the version +1. */
    update(before: MemoryEntry, fields: { content: string; markers: readonly string[]; agentScope: readonly string[] }, now: number): void {
      insertVersion.run(before.id, before.version, before.content, JSON.stringify(before.markers), before.updatedAt);
      sqlite
        .prepare('update memory_entries set content = ?, agent_scope = ?, version = version + 1, updated_at = ? where id = ?')
        .run(fields.content, JSON.stringify(fields.agentScope), now, before.id);
      writeMarkers(before.id, fields.markers);
    },
    setFlag(id: string, flag: 'pinned' | 'archived', value: boolean, now: number): void {
      sqlite.prepare(`update memory_entries set ${flag} = ?, updated_at = ? where id = ?`).run(value ? 1 : 0, now, id);
    },
    /** Deletes the row; markers and versions cascade, its chunks go by trigger (migration 0010). */
    remove(id: string): void {
      sqlite.prepare('delete from memory_entries where id = ?').run(id);
    },
    history(id: string): MemoryVersion[] {
      const rows = sqlite
        .prepare<[string], { version: number; content: string; markers: string; editedAt: number }>(
          'select version, content, markers, edited_at as editedAt from memory_versions where memory_id = ? order by version desc',
        )
        .all(id);
      return rows.map((row) => ({ ...row, markers: JSON.parse(row.markers) as string[] }));
    },
    versionCount(id: string): number {
      return (sqlite.prepare('select count(*) as n from memory_versions where memory_id = ?').get(id) as { n: number }).n;
    },
    /** Pinned first, then the most recently changed. */
    list(filter: MemoryFilter): MemoryEntry[] {
      const { sql, params } = memoryConditions(filter);
      const where = ['e.project_id = @projectId', ...sql].join(' and ');
      const rows = sqlite
        .prepare<Record<string, unknown>, EntryRow>(`${SELECT} where ${where} order by e.pinned desc, e.updated_at desc, e.id limit @limit offset @offset`)
        .all({ ...params, projectId: filter.projectId, limit: filter.limit ?? 200, offset: filter.offset ?? 0 });
      return rows.map(toEntry);
    },
    /** Every memory of a project (for indexing), archived ones included. */
    listForIndex(projectId: string): Array<{ id: string; content: string }> {
      return sqlite.prepare<[string], { id: string; content: string }>('select id, content from memory_entries where project_id = ?').all(projectId);
    },
  };
}

export type MemoryRepo = ReturnType<typeof createMemoryRepo>;

function toEntry(row: EntryRow): MemoryEntry {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as MemoryKind,
    content: row.content,
    markers: JSON.parse(row.markers) as string[],
    agentScope: JSON.parse(row.agentScope) as string[],
    source: {
      type: row.sourceType as MemorySource['type'],
      id: row.sourceId,
      range: row.rangeFrom === null || row.rangeTo === null ? null : { from: row.rangeFrom, to: row.rangeTo },
    },
    version: row.version,
    pinned: row.pinned === 1,
    archived: row.archived === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
