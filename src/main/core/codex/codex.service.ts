import type { z } from 'zod';
import { notFound } from '../../../shared/ipc/errors';
import { CodexKind, type CodexEntry, type codexCreateSchema, type codexUpdateSchema } from '../../../shared/models/codex';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { Clock, IdGenerator } from '../platform/clock';
import type { ProjectRepo } from '../projects';
import { toCodexEntry, type CodexRepo, type CodexRow } from './codex.repo';

export type CodexCreate = z.output<typeof codexCreateSchema>;
export type CodexUpdate = z.output<typeof codexUpdateSchema>;

export interface CodexDeps {
  database: AppDatabase;
  projects: ProjectRepo;
  codex: CodexRepo;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
}

/** Kinds in the order the codex panel groups them. */
const KIND_ORDER: readonly string[] = Object.values(CodexKind);
// Intl.Collator rather than SQL `lower()`/NOCASE, which only fold ASCII: "Élodie" sorts beside "Elias".
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareEntries(a: CodexRow, b: CodexRow): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byName.compare(a.name, b.name) || a.id.localeCompare(b.id);
}

function deepFreeze(entry: CodexEntry): CodexEntry {
  Object.freeze(entry.aliases);
  Object.freeze(entry.profile);
  return Object.freeze(entry);
}

/** Each project's sorted list, kept while its version stays the same. */
function createListCache(source: { version(projectId: string): number; load(projectId: string): CodexEntry[]; cacheable(): boolean }) {
  const lists = new Map<string, { version: number; entries: readonly CodexEntry[] }>();
  return {
    read(projectId: string): readonly CodexEntry[] {
      const version = source.version(projectId);
      const cached = lists.get(projectId);
      if (cached && cached.version === version) return cached.entries;
      const entries = Object.freeze(source.load(projectId));
      if (source.cacheable()) lists.set(projectId, { version, entries });
      return entries;
    },
  };
}

/** The codex (world bible): characters, locations, lore and objects of a project. */
export function createCodexService(deps: CodexDeps) {
  const { database, projects, codex, events, clock, ids } = deps;

  const cache = createListCache({
    version: (projectId) => codex.version(projectId),
    load: (projectId) => codex.listLive(projectId).sort(compareEntries).map((row) => deepFreeze(toCodexEntry(row))),
    // Inside a transaction the version may yet roll back to a number a later write reaches again.
    cacheable: () => !database.sqlite.inTransaction,
  });
  const liveProject = (projectId: string) => {
    if (!projects.findLive(projectId)) throw notFound('The project');
  };
  /** An entry that is live and whose project is live too. */
  const liveEntry = (id: string) => {
    const entry = codex.findLive(id);
    if (!entry || !projects.findLive(entry.projectId)) throw notFound('The codex entry');
    return entry;
  };
  const read = (id: string) => toCodexEntry(codex.findAny(id) as CodexRow);
  const changed = (projectId: string, now: number) => {
    projects.touch(projectId, now);
  };

  return {
    /**
     * Live entries of a live project, by kind, then by name ignoring case and accents. The
     * entries are frozen: they are cached until the project's codex changes (summaries, checks
     * and prompts read it for every scene; a 2,000-entry codex took ~5 ms a read).
     */
    list(projectId: string): CodexEntry[] {
      liveProject(projectId);
      return cache.read(projectId).slice();
    },

    /** Whether a live project has any live entry (cheap: a check made on every scene save). */
    hasEntries(projectId: string): boolean {
      liveProject(projectId);
      return codex.hasLive(projectId);
    },

    create(input: CodexCreate): CodexEntry {
      const now = clock.now();
      const id = ids.newId();
      inTransaction(database, () => {
        liveProject(input.projectId);
        codex.insert({ id, ...input, createdAt: now, updatedAt: now });
        changed(input.projectId, now);
      });
      events.emit('codex.changed', { projectId: input.projectId });
      return read(id);
    },

    update(input: CodexUpdate): CodexEntry {
      const now = clock.now();
      const { id, ...fields } = input;
      const entry = inTransaction(database, () => {
        const found = liveEntry(id);
        codex.update(id, fields, now);
        changed(found.projectId, now);
        return found;
      });
      events.emit('codex.changed', { projectId: entry.projectId });
      return read(id);
    },

    /** Moves an entry to the trash; `trash.restore` brings it back. */
    delete(id: string): void {
      const now = clock.now();
      const entry = inTransaction(database, () => {
        const found = liveEntry(id);
        codex.setDeleted(id, now);
        changed(found.projectId, now);
        return found;
      });
      events.emit('codex.changed', { projectId: entry.projectId });
    },
  };
}

export type CodexService = ReturnType<typeof createCodexService>;
