import type { MethodInput } from '../../../shared/ipc/contract';
import { testJob } from './job-fixture';
import type { Job } from '../../../shared/models/jobs';
import type { MemoryEntry, MemoryVersion } from '../../../shared/models/memory';
import { ApiError } from '../lib/api';
import type { FakeApi } from './fake-api';

export const MEMORY_PROJECT = '00000000-0000-4000-8000-000000000001';

let counter = 0;
/** A memory entry with sensible defaults; ids are valid uuids, distinct per call. */
export function memoryEntry(patch: Partial<MemoryEntry> = {}): MemoryEntry {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    projectId: MEMORY_PROJECT,
    kind: 'core',
    content: `Memory ${counter}`,
    markers: [],
    agentScope: ['*'],
    source: { type: 'writer', id: null, range: null },
    version: 1,
    pinned: false,
    archived: false,
    createdAt: counter,
    updatedAt: counter,
    ...patch,
  };
}

/** A job of the memory domain, for index status and `job.changed`. */
export function indexJob(patch: Partial<Job> = {}): Job {
  return testJob({ id: '00000000-0000-4000-8000-0000000000aa', projectId: MEMORY_PROJECT, maxAttempts: 3, ...patch });
}

/**
 * The memory methods of the core, in memory, on a fake client: list with the contract's filters
 * (pinned first, then newest), create, update with the version check (CONFLICT on a stale
 * version), pin, archive, delete, history. Returns the live table so a test can change a row
 * behind the UI's back (another window's edit).
 */
export function serveMemory(api: FakeApi, initial: MemoryEntry[]): { rows: Map<string, MemoryEntry>; versions: Map<string, MemoryVersion[]> } {
  const rows = new Map(initial.map((e) => [e.id, e]));
  const versions = new Map<string, MemoryVersion[]>();
  let clock = 1000;
  const get = (id: string) => {
    const row = rows.get(id);
    if (!row) throw new ApiError('NOT_FOUND', 'That memory no longer exists.', false);
    return row;
  };
  const put = (row: MemoryEntry) => {
    rows.set(row.id, row);
    return structuredClone(row);
  };
  api.answer('memory.list', (q: MethodInput<'memory.list'>) =>
    [...rows.values()]
      .filter((e) => e.projectId === q.projectId)
      .filter((e) => q.includeArchived || !e.archived)
      .filter((e) => !q.kinds || q.kinds.includes(e.kind))
      .filter((e) => !q.markers || q.markers.every((m) => e.markers.includes(m)))
      .filter((e) => !q.agent || e.agentScope.includes('*') || e.agentScope.includes(q.agent))
      .filter((e) => !q.sourceTypes || q.sourceTypes.includes(e.source.type))
      .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt)
      .map((e) => structuredClone(e)),
  );
  api.answer('memory.create', (input) =>
    put(memoryEntry({ projectId: input.projectId, kind: input.kind, content: input.content, markers: input.markers ?? [], agentScope: input.agentScope ?? ['*'], createdAt: ++clock, updatedAt: clock })),
  );
  api.answer('memory.update', (input) => {
    const row = get(input.id);
    if (row.version !== input.version) throw new ApiError('CONFLICT', `This memory was changed elsewhere (now version ${row.version}).`, false);
    versions.set(row.id, [{ version: row.version, content: row.content, markers: row.markers, editedAt: row.updatedAt }, ...(versions.get(row.id) ?? [])]);
    return put({ ...row, content: input.content ?? row.content, markers: input.markers ?? row.markers, agentScope: input.agentScope ?? row.agentScope, version: row.version + 1, updatedAt: ++clock });
  });
  api.answer('memory.setPinned', ({ id, pinned }) => put({ ...get(id), pinned }));
  api.answer('memory.setArchived', ({ id, archived }) => put({ ...get(id), archived }));
  api.answer('memory.delete', ({ id }) => {
    get(id);
    rows.delete(id);
    return { ok: true as const };
  });
  api.answer('memory.history', ({ id }) => versions.get(id) ?? []);
  return { rows, versions };
}
