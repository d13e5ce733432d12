/**
 * The one list of what syncs. Each synced table is a *collection* of records `(collection, id)`;
 * each record is an LWW map of its synced fields. Columns listed under `local` stay on the device,
 * with the reason beside them. The capture triggers, the initial clocks, `recordState` and
 * `applyRemoteStates` are all generated from this list, and a test checks that every column of
 * every synced table is a key, a field or local, and every table of the schema is here or in
 * {@link LOCAL_TABLES} — so a new column or table cannot be forgotten silently.
 */

export type SqlValue = string | number | null;

/** Which open views a change of a record concerns (the app's existing push events). */
export type ChangeNotice = 'project' | 'outline' | 'codex' | 'snapshot' | 'chat-session' | 'chat-message' | 'playbooks' | 'media' | 'memory' | 'none';

export interface ParentLink {
  /** The column (a field or a key column) naming the parent. */
  column: string;
  collection: string;
}

export interface SyncedCollection {
  /** The record's collection on the wire: stable, it is part of a sealed record's associated data. */
  name: string;
  table: string;
  /** The id column(s). One column: the id is its value; several: a JSON array of their values. */
  key: readonly string[];
  /**
   * `tombstone`: rows with random ids, deleted for good (emptying the trash); the deletion wins
   * over every field written before it, and only a whole new insert (a snapshot restore) brings
   * the record back. `presence`: rows keyed by a natural key that come and go (a pin removed then
   * set again, a marker re-added): existence is the LWW field `_exists`, and the values of a
   * removed row are kept so its state stays whole.
   */
  deletion: 'tombstone' | 'presence';
  /** Columns that sync, each an LWW register. */
  fields: readonly string[];
  /** Columns that stay on the device → why. */
  local: Readonly<Record<string, string>>;
  /** Values of local NOT NULL columns without an SQL default, for rows created from a remote state (`now`: epoch ms). */
  createDefaults?: (now: number) => Readonly<Record<string, SqlValue>>;
  /** Foreign keys: a record whose parent has not arrived waits for it. */
  parents?: readonly ParentLink[];
  /** Only rows this SQL condition holds for are captured (`row` is the alias: NEW, OLD or the table). */
  captureWhen?: (row: string) => string;
  /** SQL for the epoch ms that starts the clocks of rows that predate capture (their own last change). */
  initialClock: (row: string) => string;
  notice: ChangeNotice;
}

export { EXISTS_FIELD } from './record-state';

const EMPTY_DOC_JSON = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph' }] });
const column = (name: string) => (row: string) => `${row}.${name}`;

export const SYNCED_COLLECTIONS: readonly SyncedCollection[] = [
  {
    name: 'projects',
    table: 'projects',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['title', 'description', 'genre', 'tone', 'status', 'word_goal', 'author', 'language', 'contact', 'short_title', 'surname', 'archived_at', 'deleted_at', 'created_at', 'updated_at'],
    local: {},
    initialClock: column('updated_at'),
    notice: 'project',
  },
  {
    name: 'chapters',
    table: 'chapters',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['project_id', 'title', 'synopsis', 'position', 'deleted_at', 'created_at', 'updated_at'],
    local: {},
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('updated_at'),
    notice: 'outline',
  },
  {
    name: 'scenes',
    table: 'scenes',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['project_id', 'chapter_id', 'title', 'synopsis', 'status', 'pov', 'position', 'deleted_at', 'created_at'],
    local: {
      content: 'the scene text syncs as the `scene-doc` collection (a Yjs document); this column is its materialised editor JSON',
      plain_text: 'derived from the content',
      word_count: 'derived from the content (recounted when the counter changes)',
      revision: "this device's save counter for stale-autosave detection",
      updated_at: 'bumped by every text save, which belongs to scene-doc; syncing it would re-upload the metadata on every keystroke',
    },
    // An empty document until the scene's `scene-doc` record brings its text.
    createDefaults: (now) => ({ content: EMPTY_DOC_JSON, plain_text: '', word_count: 0, revision: 0, updated_at: now }),
    parents: [
      { column: 'project_id', collection: 'projects' },
      { column: 'chapter_id', collection: 'chapters' },
    ],
    initialClock: column('updated_at'),
    notice: 'outline',
  },
  {
    name: 'codex-entries',
    table: 'codex_entries',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['project_id', 'kind', 'name', 'aliases', 'description', 'profile', 'deleted_at', 'created_at', 'updated_at'],
    local: {},
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('updated_at'),
    notice: 'codex',
  },
  {
    name: 'snapshots',
    table: 'snapshots',
    key: ['id'],
    deletion: 'tombstone',
    // A snapshot never changes after it is taken; its word count is part of what it captured.
    fields: ['project_id', 'scope', 'target_id', 'label', 'payload', 'word_count', 'created_at'],
    local: {},
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('created_at'),
    notice: 'snapshot',
  },
  {
    name: 'settings',
    table: 'settings',
    key: ['key'],
    deletion: 'presence',
    fields: ['value', 'updated_at'],
    local: {},
    // Only the writer's preferences (theme, session goal, editor font size — one JSON row) follow
    // them across devices. Other keys are bookkeeping of this device's data (e.g.
    // `manuscript.wordCounter`, which says which counter produced the local word counts).
    captureWhen: (row) => `${row}.key in ('prefs')`,
    initialClock: column('updated_at'),
    notice: 'none',
  },
  {
    name: 'prompt-versions',
    table: 'prompt_versions',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['prompt_id', 'sort_key', 'definition', 'hash', 'source', 'created_at'],
    local: {},
    // The writer's versions only: every device imports the shipped prompt files itself (same
    // definitions, its own ids), so syncing those would duplicate each shipped version per device.
    // Shipped versions have ids derived from prompt and hash, so a pin of one names the same row everywhere.
    captureWhen: (row) => `${row}.source = 'user'`,
    initialClock: column('created_at'),
    notice: 'none',
  },
  {
    name: 'prompt-audit',
    table: 'prompt_audit',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['prompt_id', 'action', 'from_version_id', 'to_version_id', 'old_hash', 'new_hash', 'summary', 'at'],
    local: {},
    // Not the imports of shipped files, which every device records for itself.
    captureWhen: (row) => `${row}.action <> 'import'`,
    initialClock: column('at'),
    notice: 'none',
  },
  {
    name: 'prompt-pins',
    table: 'prompt_pins',
    key: ['prompt_id'],
    deletion: 'presence',
    fields: ['version_id', 'pinned_at'],
    local: {},
    initialClock: column('pinned_at'),
    notice: 'none',
  },
  {
    name: 'prompt-update-choices',
    table: 'prompt_update_choices',
    key: ['prompt_id'],
    deletion: 'presence',
    fields: ['adopted_version_id', 'dismissed_version_id', 'updated_at'],
    local: {},
    initialClock: column('updated_at'),
    notice: 'none',
  },
  {
    name: 'chat-sessions',
    table: 'chat_sessions',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['project_id', 'title', 'deleted_at', 'created_at', 'updated_at'],
    local: {},
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('updated_at'),
    notice: 'chat-session',
  },
  {
    name: 'chat-messages',
    table: 'chat_messages',
    key: ['id'],
    deletion: 'tombstone',
    // run_id and context_scene_id are plain references without foreign keys: a run stays on the
    // device that ran it, and the chat shows a missing run or scene as gone.
    fields: ['session_id', 'sort_key', 'role', 'content', 'status', 'model', 'error', 'context_scene_id', 'context_selection', 'sources', 'run_id', 'created_at'],
    local: {},
    parents: [{ column: 'session_id', collection: 'chat-sessions' }],
    initialClock: column('created_at'),
    notice: 'chat-message',
  },
  {
    name: 'playbooks',
    table: 'playbooks',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['name', 'description', 'based_on', 'plan', 'started_from', 'created_at', 'updated_at'],
    local: {},
    initialClock: column('updated_at'),
    notice: 'playbooks',
  },
  {
    name: 'videos',
    table: 'videos',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['project_id', 'title', 'source', 'script', 'voice', 'music', 'format', 'captions', 'thumbnail', 'created_at', 'updated_at'],
    local: {
      draft: "the media crew's script in the making: it belongs to an agent run on this device",
      revision: "this device's edit counter for stale-update detection",
    },
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('updated_at'),
    notice: 'media',
  },
  {
    name: 'media-assets',
    table: 'media_assets',
    key: ['id'],
    deletion: 'tombstone',
    // The metadata; the file itself travels as an encrypted blob (stored_name names it).
    fields: ['project_id', 'kind', 'file_name', 'stored_name', 'mime_type', 'bytes', 'width', 'height', 'duration_sec', 'created_at'],
    local: {},
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('created_at'),
    notice: 'media',
  },
  {
    name: 'memory-entries',
    table: 'memory_entries',
    key: ['id'],
    deletion: 'tombstone',
    fields: ['project_id', 'kind', 'content', 'agent_scope', 'source_type', 'source_id', 'range_from', 'range_to', 'version', 'pinned', 'archived', 'created_at', 'updated_at'],
    local: {},
    // Only what the writer wrote: summaries and links are derived from scenes and chats on each
    // device (syncing them would duplicate what every device derives again).
    captureWhen: (row) => `${row}.source_type = 'writer'`,
    parents: [{ column: 'project_id', collection: 'projects' }],
    initialClock: column('updated_at'),
    notice: 'memory',
  },
  {
    name: 'memory-markers',
    table: 'memory_markers',
    key: ['memory_id', 'marker'],
    deletion: 'presence',
    fields: ['type', 'value'],
    local: {},
    captureWhen: (row) => `(select source_type from memory_entries where id = ${row}.memory_id) = 'writer'`,
    parents: [{ column: 'memory_id', collection: 'memory-entries' }],
    initialClock: (row) => `coalesce((select updated_at from memory_entries where id = ${row}.memory_id), 0)`,
    notice: 'memory',
  },
];

/** Tables that never sync, and why. */
export const LOCAL_TABLES: Readonly<Record<string, string>> = {
  llm_calls: "usage accounting of this device's model calls",
  writing_days: 'words written per day on this device (a sum across devices needs a counter CRDT; later)',
  jobs: "this device's background work",
  codex_versions: "a counter of this device's writes to each project's codex (the codex list's cache key)",
  continuity_facts: 'derived from scene text by a check that runs on each device',
  continuity_issues: 'derived by the continuity check on each device',
  memory_versions: "the edit history of a memory on this device (numbered by this device's edits)",
  memory_chunks: 'the search index, derived from scenes, codex and memories',
  agent_proposals: 'proposals of agent runs, which run on one device',
  agent_audit: "the audit log of this device's agent actions",
  agent_runs: 'agent runs execute on one device (their checkpoints are local files)',
  agent_run_steps: 'steps of a local agent run',
  media_renders: 'rendered files live in this data folder',
  sync_meta: 'the sync layer itself',
  sync_records: 'the sync layer itself',
  sync_parked: 'the sync layer itself',
  sync_engine_state: 'the sync engine itself (cursor, trusted head, account)',
  sync_server_records: 'the sync engine itself (what this device knows of the server)',
  scene_docs: 'scene text syncs as the `scene-doc` collection (its Yjs state), not as table rows',
  scene_doc_updates: 'the local update log behind the `scene-doc` collection',
  scene_doc_views: "what this device's editors saw after a merged save",
};

/** The collection named `name`, or undefined. */
export function findCollection(name: string): SyncedCollection | undefined {
  return SYNCED_COLLECTIONS.find((collection) => collection.name === name);
}

/** Registry order puts parents before children: the order remote states are applied in. */
export function collectionRank(name: string): number {
  return SYNCED_COLLECTIONS.findIndex((collection) => collection.name === name);
}
