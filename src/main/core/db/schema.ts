import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * The local database. Times are epoch milliseconds. `deletedAt` marks soft deletion (the
 * trash); rows leave for good only when the user empties the trash.
 */

const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
};

export const projects = sqliteTable('projects', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  genre: text('genre').notNull().default(''),
  tone: text('tone').notNull().default(''),
  status: text('status').notNull().default('planning'),
  wordGoal: integer('word_goal').notNull().default(0),
  /** Printed on title pages and written into every export's metadata; '' when not set. */
  author: text('author').notNull().default(''),
  /** BCP 47 tag of the text's language, for exports (EPUB, DOCX, PDF) and page size defaults. */
  language: text('language').notNull().default('en'),
  /** The contact block of a manuscript's title page (name, address, email…), several lines. */
  contact: text('contact').notNull().default(''),
  /** The running head of a manuscript: '' means derived from the title / the author. */
  shortTitle: text('short_title').notNull().default(''),
  surname: text('surname').notNull().default(''),
  archivedAt: integer('archived_at'),
  deletedAt: integer('deleted_at'),
  ...timestamps,
});

export const chapters = sqliteTable(
  'chapters',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    synopsis: text('synopsis').notNull().default(''),
    /** Fractional key among the project's chapters (manuscript/positions.ts); order is (position, id). */
    position: text('position').notNull(),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('chapters_project_idx').on(t.projectId, t.position, t.id)],
);

export const scenes = sqliteTable(
  'scenes',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    chapterId: text('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    synopsis: text('synopsis').notNull().default(''),
    status: text('status').notNull().default('draft'),
    pov: text('pov').notNull().default(''),
    /** Fractional key among the chapter's scenes (manuscript/positions.ts); order is (position, id). */
    position: text('position').notNull(),
    /** The editor's document as JSON text. */
    content: text('content').notNull(),
    /** Plain text extracted from `content`, for counting, search and previews. */
    plainText: text('plain_text').notNull().default(''),
    wordCount: integer('word_count').notNull().default(0),
    /** Bumped by every save; autosaves name the revision they were based on. */
    revision: integer('revision').notNull().default(0),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('scenes_chapter_idx').on(t.chapterId, t.position, t.id), index('scenes_project_idx').on(t.projectId)],
);

export const codexEntries = sqliteTable(
  'codex_entries',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** JSON array of strings. */
    aliases: text('aliases').notNull().default('[]'),
    description: text('description').notNull().default(''),
    /** JSON object of field name → text. */
    profile: text('profile').notNull().default('{}'),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('codex_project_idx').on(t.projectId, t.kind)],
);

/**
 * A counter per project, bumped by triggers on every write to its codex entries (whoever writes:
 * a service, a synced change, a restore): the codex list is cached against it.
 */
export const codexVersions = sqliteTable('codex_versions', {
  projectId: text('project_id').primaryKey(),
  version: integer('version').notNull(),
});

export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    targetId: text('target_id').notNull(),
    label: text('label').notNull().default(''),
    /** JSON of the captured chapters and scenes (see snapshot.service.ts). */
    payload: text('payload').notNull(),
    wordCount: integer('word_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('snapshots_project_idx').on(t.projectId, t.createdAt)],
);

/** Small key → JSON value store for preferences. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`0`),
});

/* ─── AI writing (issue 3) ─────────────────────────────────────────────────────────────── */

/**
 * Every version of every prompt: the shipped YAML files are imported as `builtin` versions,
 * user edits add `user` versions. Rows are never changed, so any version can be diffed,
 * pinned or reverted to. A version is its id; its number (1, 2, …) is its place in the
 * prompt's (sort_key, id) order, counted when read, so versions made on two devices never collide.
 */
export const promptVersions = sqliteTable(
  'prompt_versions',
  {
    id: text('id').primaryKey(),
    promptId: text('prompt_id').notNull(),
    /** Creation order: an HLC-shaped key (db/sort-key.ts), after every version this device had seen. */
    sortKey: text('sort_key').notNull(),
    /** The whole prompt definition (YAML fields as JSON). */
    definition: text('definition').notNull(),
    /** sha256 of the canonical definition. */
    hash: text('hash').notNull(),
    source: text('source').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('prompt_versions_order_idx').on(t.promptId, t.sortKey, t.id), index('prompt_versions_hash_idx').on(t.promptId, t.hash)],
);

/** The audit trail of prompt changes: who changed what, when, from which hash to which. */
export const promptAudit = sqliteTable(
  'prompt_audit',
  {
    id: text('id').primaryKey(),
    promptId: text('prompt_id').notNull(),
    action: text('action').notNull(),
    /** The versions (prompt_versions ids) the change went from and to. */
    fromVersionId: text('from_version_id'),
    toVersionId: text('to_version_id'),
    oldHash: text('old_hash'),
    newHash: text('new_hash'),
    summary: text('summary').notNull().default(''),
    at: integer('at').notNull(),
  },
  (t) => [index('prompt_audit_prompt_idx').on(t.promptId, t.at)],
);

/** A pinned prompt version (its id); without a row the newest version is used. */
export const promptPins = sqliteTable('prompt_pins', {
  promptId: text('prompt_id').primaryKey(),
  versionId: text('version_id').notNull(),
  pinnedAt: integer('pinned_at').notNull(),
});

/**
 * What the writer chose about shipped updates of a prompt they edited: a shipped version they
 * took over their own edit (from then on shipped versions are used again until they edit anew),
 * and the newest shipped version whose "update available" notice they dismissed.
 */
export const promptUpdateChoices = sqliteTable('prompt_update_choices', {
  promptId: text('prompt_id').primaryKey(),
  adoptedVersionId: text('adopted_version_id'),
  dismissedVersionId: text('dismissed_version_id'),
  updatedAt: integer('updated_at').notNull(),
});

export const chatSessions = sqliteTable(
  'chat_sessions',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    deletedAt: integer('deleted_at'),
    ...timestamps,
  },
  (t) => [index('chat_sessions_project_idx').on(t.projectId, t.updatedAt)],
);

export const chatMessages = sqliteTable(
  'chat_messages',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    /**
     * Order within the session: an HLC-shaped key (db/sort-key.ts) after every message this device
     * had seen; messages order by (sort_key, id), so two devices appending offline never collide.
     */
    sortKey: text('sort_key').notNull(),
    role: text('role').notNull(),
    content: text('content').notNull().default(''),
    /** streaming | complete | cancelled | error */
    status: text('status').notNull(),
    /** provider/model that wrote an assistant message. */
    model: text('model'),
    /** JSON {code, message} when status is error. */
    error: text('error'),
    /** A question's context as sent (the open scene, the selected text), so regenerate can send it again. */
    contextSceneId: text('context_scene_id'),
    contextSelection: text('context_selection'),
    /** JSON array of the passages a reply was given (ContextSource[]); null when none. */
    sources: text('sources'),
    /** The agent run an assistant message started (its run card); null for other messages. */
    runId: text('run_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('chat_messages_order_idx').on(t.sessionId, t.sortKey, t.id)],
);

/** The writer's copies of playbooks (shipped ones are files in resources/playbooks). */
export const playbooks = sqliteTable('playbooks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** The playbook it was copied from (a shipped id or another copy's). */
  basedOn: text('based_on'),
  /** JSON of the plan (Plan in shared/models/plans.ts). */
  plan: text('plan').notNull(),
  /** Where it is started (PlaybookStart): `chat`, or `video` for a copy of a video playbook. */
  startedFrom: text('started_from').notNull().default('chat'),
  ...timestamps,
});

/** One row per model call: usage accounting, latency, cost, experiment arm, fallbacks. */
export const llmCalls = sqliteTable(
  'llm_calls',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    projectId: text('project_id'),
    promptId: text('prompt_id'),
    promptVersion: integer('prompt_version'),
    taskClass: text('task_class').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    /** "experiment:arm" when an A/B experiment chose the model. */
    experiment: text('experiment'),
    /** The route entries that failed before this one answered, as "provider/model" joined by ", ". */
    fallbackFrom: text('fallback_from'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    /** Time to first token, for streamed calls. */
    firstTokenMs: integer('first_token_ms'),
    costUsd: real('cost_usd').notNull().default(0),
    /** ok | error | cancelled */
    status: text('status').notNull(),
    errorCode: text('error_code'),
    /** 1 when the token counts are estimates: the provider reported none (e.g. a stopped or failed stream). */
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('llm_calls_at_idx').on(t.at), index('llm_calls_project_idx').on(t.projectId, t.at)],
);

/* ─── Writing sessions (issue 6) ───────────────────────────────────────────────────────── */

/**
 * Words written per project per local day (`YYYY-MM-DD`): the session counter. Kept in the
 * database so a reload, a restart and every window agree.
 */
export const writingDays = sqliteTable(
  'writing_days',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    words: integer('words').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day] })],
);

/* ─── Durable jobs (issue 7) ───────────────────────────────────────────────────────────── */

/**
 * Long background work (indexing, continuity checks; later agent runs, renders, sync): one row
 * per job, the runner's only memory, so a job survives a crash or a restart and resumes.
 * `seq` counts the job's changes; a reconnecting UI ignores events it has already seen.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** The project the job works on; no foreign key, so a job outlives a purged project to report it. */
    projectId: text('project_id'),
    title: text('title').notNull(),
    /** The kind's payload as JSON, checked against the kind's schema whenever the job runs. */
    payload: text('payload').notNull(),
    /** queued | running | retrying | succeeded | failed | cancelled */
    status: text('status').notNull(),
    progressDone: real('progress_done').notNull().default(0),
    progressTotal: real('progress_total').notNull().default(0),
    progressMessage: text('progress_message'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    idempotencyKey: text('idempotency_key'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** transient | validation | permanent | unknown */
    errorCategory: text('error_category'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    nextAttemptAt: integer('next_attempt_at'),
    /** Not run before this time (debounced work). */
    notBefore: integer('not_before'),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [
    // What `due` and `nextDueAt` read, one small partial index per state, each by kind in the
    // order jobs start: queued and ready at once (by age), debounced (by wake time), retrying (by
    // retry time). A pump never walks jobs still waiting (1,500 debounced summaries after a
    // first sync) nor finished ones.
    index('jobs_ready_idx').on(t.kind, t.createdAt, t.id).where(sql`${t.status} = 'queued' and ${t.notBefore} is null`),
    index('jobs_debounced_idx').on(t.kind, t.notBefore).where(sql`${t.status} = 'queued' and ${t.notBefore} is not null`),
    index('jobs_retrying_idx').on(t.kind, t.nextAttemptAt).where(sql`${t.status} = 'retrying' and ${t.nextAttemptAt} is not null`),
    index('jobs_project_idx').on(t.projectId, t.createdAt),
    // At most one unfinished job per idempotency key: enqueueing the same work again returns it.
    uniqueIndex('jobs_active_key_idx')
      .on(t.idempotencyKey)
      .where(sql`${t.status} in ('queued', 'running', 'retrying') and ${t.idempotencyKey} is not null`),
  ],
);

/* ─── Continuity checks (issue 7) ──────────────────────────────────────────────────────── */

/**
 * Facts a scene states about codex entries, as the extraction prompt found them. A check of a
 * scene replaces that scene's rows, so a re-run never duplicates them.
 */
export const continuityFacts = sqliteTable(
  'continuity_facts',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sceneId: text('scene_id')
      .notNull()
      .references(() => scenes.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => codexEntries.id, { onDelete: 'cascade' }),
    entityName: text('entity_name').notNull(),
    /** Normalised ("eye colour"). */
    attribute: text('attribute').notNull(),
    value: text('value').notNull(),
    quote: text('quote').notNull(),
    /** The quote's place in the scene's plain text, when it was found there. */
    rangeFrom: integer('range_from'),
    rangeTo: integer('range_to'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('continuity_facts_entity_idx').on(t.projectId, t.entryId, t.attribute), index('continuity_facts_scene_idx').on(t.sceneId)],
);

/**
 * Contradictions between a scene and the codex or an earlier scene. `signature` (entry,
 * attribute, both values) is how a resolved-as-intended pair is recognised and never flagged again.
 */
export const continuityIssues = sqliteTable(
  'continuity_issues',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => codexEntries.id, { onDelete: 'cascade' }),
    entityName: text('entity_name').notNull(),
    attribute: text('attribute').notNull(),
    signature: text('signature').notNull(),
    summary: text('summary').notNull(),
    /** JSON ContinuityEvidence: the scene that says something new. */
    found: text('found').notNull(),
    /** JSON ContinuityEvidence: the codex field or earlier scene it disagrees with. */
    against: text('against').notNull(),
    /** The scenes involved, so a check of either can close the issue once it is gone. */
    foundSceneId: text('found_scene_id').notNull(),
    againstSceneId: text('against_scene_id'),
    /** open | resolved */
    status: text('status').notNull(),
    resolution: text('resolution'),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('continuity_issues_project_idx').on(t.projectId, t.status), index('continuity_issues_signature_idx').on(t.projectId, t.signature)],
);

/* ─── Memory (issue 7) ─────────────────────────────────────────────────────────────────── */

/**
 * What the studio remembers about a book (see shared/models/memory.ts). `agentScope` is a JSON
 * array of agent ids (`*` for all); markers live in {@link memoryMarkers} so they can be filtered.
 */
export const memoryEntries = sqliteTable(
  'memory_entries',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** core | episodic | associative */
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    agentScope: text('agent_scope').notNull().default('["*"]'),
    /** scene | codex | chat | run | writer */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    rangeFrom: integer('range_from'),
    rangeTo: integer('range_to'),
    version: integer('version').notNull().default(1),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [index('memory_entries_project_idx').on(t.projectId, t.kind, t.updatedAt), index('memory_entries_source_idx').on(t.sourceType, t.sourceId)],
);

/** A memory's typed markers, one row each (`character:Mara` → type `character`, value `Mara`). */
export const memoryMarkers = sqliteTable(
  'memory_markers',
  {
    memoryId: text('memory_id')
      .notNull()
      .references(() => memoryEntries.id, { onDelete: 'cascade' }),
    marker: text('marker').notNull(),
    type: text('type').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memoryId, t.marker] }), index('memory_markers_marker_idx').on(t.marker, t.memoryId)],
);

/** Earlier versions of a memory: written on every edit, before the entry changes. */
export const memoryVersions = sqliteTable(
  'memory_versions',
  {
    memoryId: text('memory_id')
      .notNull()
      .references(() => memoryEntries.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    /** JSON array of the markers at that version. */
    markers: text('markers').notNull().default('[]'),
    editedAt: integer('edited_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memoryId, t.version] })],
);

/**
 * The indexed pieces of a project's text: scene chunks, codex entries and memory entries. The
 * integer id is the chunk's vector id in the vector store and its rowid in `memory_chunk_fts`
 * (kept in step by triggers, migration 0008). `chunkKey` is stable for equal text at the same
 * source, so an edit re-embeds only the chunks whose text changed.
 */
export const memoryChunks = sqliteTable(
  'memory_chunks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    chunkKey: text('chunk_key').notNull(),
    /** scene | codex | memory */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    /** Order of the chunk within its source. */
    position: integer('position').notNull(),
    /** Character range of `text` in the source's plain text (null for a whole entry). */
    rangeFrom: integer('range_from'),
    rangeTo: integer('range_to'),
    /** The passage itself, as shown and searched by words. */
    text: text('text').notNull(),
    /** What precedes it (the last sentence of the previous chunk): embedded with it, for context. */
    overlap: text('overlap').notNull().default(''),
    /** Hash of what is embedded (overlap + text). */
    contentHash: text('content_hash').notNull(),
    embedded: integer('embedded', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('memory_chunks_key').on(t.chunkKey),
    index('memory_chunks_source_idx').on(t.sourceType, t.sourceId, t.position),
    index('memory_chunks_pending_idx').on(t.projectId, t.embedded),
  ],
);

/* ─── Agent crew: proposals and the audit log (issue 8) ──────────────────────────────────── */

/**
 * What agents propose to change in the book, until the writer decides. One row per
 * (run, step, key): a node that runs again proposes into the same row, and applying is keyed by it.
 * `run_id` names a row of the engine's `agent_runs` (no foreign key: the engine owns that table).
 */
export const agentProposals = sqliteTable(
  'agent_proposals',
  {
    id: text('id').primaryKey(),
    runId: text('run_id').notNull(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    agentId: text('agent_id'),
    key: text('key').notNull(),
    /** JSON ProposalChange (shared/models/runs.ts). */
    change: text('change').notNull(),
    /** JSON ProposalChange: the change as the writer edited it before approving. */
    edited: text('edited'),
    /** pending | applied | rejected | conflict */
    status: text('status').notNull(),
    /** JSON PolicyViolation[] of the change (or of the edit, once approved with one). */
    violations: text('violations').notNull().default('[]'),
    note: text('note'),
    /** The project snapshot taken before the run's first applied change, on the proposal that took it. */
    snapshotId: text('snapshot_id'),
    /**
     * Set just before an approved scene text is saved: the revision the save makes. A retry that
     * finds the scene at it with the approved text knows the save happened (the core stopped
     * before recording it) and finishes without saving again.
     */
    applyingRevision: integer('applying_revision'),
    ...timestamps,
    decidedAt: integer('decided_at'),
  },
  (t) => [
    uniqueIndex('agent_proposals_apply_key').on(t.runId, t.stepKey, t.key),
    index('agent_proposals_project_idx').on(t.projectId, t.status, t.createdAt),
  ],
);

/**
 * Every agent action (seed 002's audit log): what went in, what came out, how it ended. `seq`
 * orders entries and is the rowid of `agent_audit_fts` (words of input and output, migration
 * 0014); the project's entries go with it when it is deleted for good.
 */
export const agentAudit = sqliteTable(
  'agent_audit',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    runId: text('run_id'),
    stepKey: text('step_key'),
    agentId: text('agent_id'),
    action: text('action').notNull(),
    /** ok | error | blocked */
    status: text('status').notNull(),
    /** JSON, secrets removed (audit-redact.ts). */
    input: text('input').notNull(),
    output: text('output').notNull(),
    model: text('model'),
    promptId: text('prompt_id'),
    promptVersion: integer('prompt_version'),
    traceId: text('trace_id'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
    durationMs: real('duration_ms').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('agent_audit_id').on(t.id),
    index('agent_audit_project_idx').on(t.projectId, t.createdAt),
    index('agent_audit_run_idx').on(t.runId, t.createdAt),
    index('agent_audit_agent_idx').on(t.agentId, t.createdAt),
    index('agent_audit_time_idx').on(t.createdAt),
  ],
);

/* ─── Agent runs (issue 8) ─────────────────────────────────────────────────────────────── */

/**
 * A plan executing as a durable `agent.run` job. LangGraph's checkpoints live in their own file
 * (`agent-runs.sqlite`); this row and its steps are what the app shows and decides on.
 */
export const agentRuns = sqliteTable(
  'agent_runs',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sessionId: text('session_id'),
    title: text('title').notNull(),
    playbookId: text('playbook_id'),
    request: text('request').notNull().default(''),
    /** JSON: {chapterId?, sceneId?, entryId?}. */
    target: text('target').notNull().default('{}'),
    /** JSON: the plan as started (a later edit of its playbook does not change a run). */
    plan: text('plan').notNull(),
    /** queued | running | waiting | review | completed | failed | cancelled */
    status: text('status').notNull(),
    /** JSON: why it waits (a question, a failed step), or null. */
    wait: text('wait'),
    jobId: text('job_id'),
    traceId: text('trace_id').notNull(),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [index('agent_runs_project_idx').on(t.projectId, t.createdAt)],
);

/** One executed step of a run; a fanned-out step has one row per branch (`draft_scenes#2`). */
export const agentRunSteps = sqliteTable(
  'agent_run_steps',
  {
    runId: text('run_id')
      .notNull()
      .references(() => agentRuns.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    stepId: text('step_id').notNull(),
    index: integer('idx'),
    /** Order of first appearance, so the timeline lists steps as they started. */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** agent | ask | continuity */
    kind: text('kind').notNull(),
    agentId: text('agent_id'),
    capability: text('capability'),
    /** pending | running | succeeded | failed | skipped | waiting | cancelled */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** JSON object of strings. */
    input: text('input').notNull().default('{}'),
    /** JSON, null until the step succeeds. */
    output: text('output'),
    text: text('text').notNull().default(''),
    streamId: text('stream_id'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    errorCategory: text('error_category'),
    /** The writer's decision on a failed step, read by the step's node when the run resumes: retry | skip. */
    decision: text('decision'),
    model: text('model'),
    promptId: text('prompt_id'),
    promptVersion: integer('prompt_version'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costUsd: real('cost_usd').notNull().default(0),
    /** JSON: per-stage milliseconds. */
    timings: text('timings').notNull().default('{}'),
    traceId: text('trace_id').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] })],
);

/* ─── Media: videos and assets (issue 9) ───────────────────────────────────────────────── */

/**
 * A project's video: its script and settings as JSON (the shapes of shared/models/media.ts,
 * parsed on every read). `draft` is the media crew's script in the making or waiting for the
 * writer. `revision` +1 on every change; updates name the one they were made on.
 */
export const videos = sqliteTable(
  'videos',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** JSON: {kind: chapter|idea|blank, …}. */
    source: text('source').notNull(),
    /** JSON: {scenes: […]}. */
    script: text('script').notNull(),
    /** JSON: the voice profile. */
    voice: text('voice').notNull(),
    /** JSON: {assetId, gainDb} or null. */
    music: text('music'),
    format: text('format').notNull(),
    /** burned | soft | none */
    captions: text('captions').notNull(),
    /** JSON: {atSec, title}. */
    thumbnail: text('thumbnail').notNull(),
    /** JSON: {runId, status, script, error} or null. */
    draft: text('draft'),
    revision: integer('revision').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('videos_project_idx').on(t.projectId, t.createdAt)],
);

/** A writer's imported image or audio file, stored under `<dataDir>/media/assets/<projectId>/`. */
export const mediaAssets = sqliteTable(
  'media_assets',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** image | audio */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    /** The stored file's name inside the project's assets folder. */
    storedName: text('stored_name').notNull(),
    mimeType: text('mime_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    durationSec: real('duration_sec'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('media_assets_project_idx').on(t.projectId, t.kind, t.createdAt)],
);

/**
 * Renders of a project's videos: a durable `media.render` job each. The spec is the video as
 * it was when the render started (scenes, voice, resolved image files and their hashes), so a
 * resumed render makes the same video whatever the writer changed since.
 */
export const mediaRenders = sqliteTable(
  'media_renders',
  {
    id: text('id').primaryKey(),
    videoId: text('video_id').notNull(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    jobId: text('job_id'),
    /** queued | running | done | failed | cancelled */
    status: text('status').notNull(),
    format: text('format').notNull(),
    title: text('title').notNull(),
    videoRevision: integer('video_revision').notNull(),
    stage: text('stage'),
    progress: real('progress').notNull().default(0),
    etaSec: real('eta_sec'),
    /** JSON array of strings. */
    notices: text('notices').notNull().default('[]'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** JSON: file names inside the render's folder ({video, thumbnail, srt, vtt}), null until done. */
    files: text('files'),
    durationSec: real('duration_sec'),
    /** JSON: {integratedLufs, truePeakDb}, measured on the final file. */
    loudness: text('loudness'),
    /** JSON: seconds per stage. */
    timings: text('timings').notNull().default('{}'),
    /** JSON: the frozen render spec. */
    spec: text('spec').notNull(),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('media_renders_video_idx').on(t.videoId, t.createdAt), index('media_renders_project_idx').on(t.projectId)],
);

/* ─── Sync: change capture (issue 10) ──────────────────────────────────────────────────── */

/** Small key → text store of the sync layer: this data folder's device id, the last clock issued. */
export const syncMeta = sqliteTable('sync_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * One row per synced record (see sync/changes/sync-registry.ts), written by the capture triggers:
 * the hybrid logical clock of each synced field (a JSON object field → HLC, one row per record so a
 * write costs one upsert), the tombstone clock of a record deleted for good, and `changeSeq`, a
 * local sequence that marks the record dirty until `uploadedSeq` catches up.
 */
export const syncRecords = sqliteTable(
  'sync_records',
  {
    collection: text('collection').notNull(),
    recordId: text('record_id').notNull(),
    /** JSON object: field name → HLC. */
    clocks: text('clocks').notNull().default('{}'),
    /** The HLC of the deletion, when the record was deleted for good (wins over every field). */
    tombstone: text('tombstone'),
    /** For collections keyed by a natural key (present/absent records): the field values when the row was deleted. */
    deadValues: text('dead_values'),
    changeSeq: integer('change_seq').notNull(),
    uploadedSeq: integer('uploaded_seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.collection, t.recordId] }), index('sync_records_change_idx').on(t.changeSeq)],
);

/** Remote record states that wait for their parent record (foreign keys) to arrive. */
export const syncParked = sqliteTable(
  'sync_parked',
  {
    collection: text('collection').notNull(),
    recordId: text('record_id').notNull(),
    /** JSON RecordState. */
    state: text('state').notNull(),
    /** Why it waits: `parent` (with the parent named) or `conflict` (a unique constraint). */
    reason: text('reason').notNull(),
    parentCollection: text('parent_collection'),
    parentId: text('parent_id'),
    parkedAt: integer('parked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collection, t.recordId] })],
);

/* ─── Sync: scene text as Yjs documents (issue 10) ─────────────────────────────────────── */

/**
 * A scene's text as a Yjs document (the `scene-doc` sync collection). `scenes.content` stays
 * the materialised editor JSON; this is the mergeable truth behind it. `base` is the compacted
 * state: every update up to `baseRevision` folded into one; later updates are in
 * {@link sceneDocUpdates}. `revision` is the scene revision the document last materialised to:
 * when `scenes.revision` is ahead (a snapshot restore wrote the column), the document catches up.
 */
export const sceneDocs = sqliteTable('scene_docs', {
  sceneId: text('scene_id')
    .primaryKey()
    .references(() => scenes.id, { onDelete: 'cascade' }),
  base: blob('base', { mode: 'buffer' }).notNull(),
  baseRevision: integer('base_revision').notNull(),
  revision: integer('revision').notNull(),
  ...timestamps,
});

/**
 * The update log of scene documents, in local order: `seq` is the cursor an uploader reads
 * ("what changed since"); `revision` is the scene revision the update produced, so the document
 * as of any revision after the base can be rebuilt (a stale autosave merges on that fork).
 */
export const sceneDocUpdates = sqliteTable(
  'scene_doc_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    sceneId: text('scene_id')
      .notNull()
      .references(() => scenes.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    /** 'local' (a save here, or a catch-up) or 'remote' (merged from another device). */
    origin: text('origin').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('scene_doc_updates_scene_idx').on(t.sceneId, t.revision)],
);

/**
 * What an editor saw after a save that was merged with other edits it had not shown yet: the
 * fork it was diffed into. Its next save (made before it showed the merge) is diffed against
 * this, not against the merged revision. Pruned with the update history.
 */
export const sceneDocViews = sqliteTable(
  'scene_doc_views',
  {
    sceneId: text('scene_id')
      .notNull()
      .references(() => scenes.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sceneId, t.revision] })],
);

/* ─── Sync: the engine (issue 10) ───────────────────────────────────────────────────────── */

/** The sync engine's small state: feed cursor, trusted chain head, account (never the token or keys). */
export const syncEngineState = sqliteTable('sync_engine_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * What this device knows of each record on the server, by its opaque id: which record it is, the
 * version last seen, the highest version this device uploaded and the server accepted (a lower
 * one coming back is a rollback), and the last state seen there (merged into what is pushed, and
 * kept while it waits to apply: `pending`).
 */
export const syncServerRecords = sqliteTable(
  'sync_server_records',
  {
    serverId: text('server_id').primaryKey(),
    collection: text('collection').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    ackedVersion: integer('acked_version').notNull().default(0),
    state: blob('state', { mode: 'buffer' }),
    pending: integer('pending').notNull().default(0),
  },
  (t) => [uniqueIndex('sync_server_records_record_idx').on(t.collection, t.recordId), index('sync_server_records_pending_idx').on(t.pending)],
);
