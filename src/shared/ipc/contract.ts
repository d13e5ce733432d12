import { z } from 'zod';
import { appInfoSchema, prefsSchema, prefsUpdateSchema } from '../models/app';
import { codexCreateSchema, codexEntrySchema, codexUpdateSchema } from '../models/codex';
import { emptySchema, idSchema, okSchema } from '../models/common';
import { exportFileSchema, exportRequestSchema } from '../models/export';
import {
  chapterCreateSchema,
  chapterMoveSchema,
  chapterSchema,
  chapterUpdateSchema,
  outlineSchema,
  sceneCreateSchema,
  sceneMetaSchema,
  sceneMoveSchema,
  sceneSavedSchema,
  sceneSaveSchema,
  sceneSchema,
  sceneUpdateSchema,
} from '../models/manuscript';
import { projectCreateSchema, projectSchema, projectSummarySchema, projectUpdateSchema } from '../models/project';
import { searchHitSchema, searchQuerySchema } from '../models/search';
import {
  snapshotCreateSchema,
  snapshotListSchema,
  snapshotPreviewSchema,
  snapshotRestoredSchema,
  snapshotSchema,
} from '../models/snapshot';
import { trashEmptySchema, trashItemSchema, trashRefSchema } from '../models/trash';
import { chatCreateSchema, chatMessageSchema, chatSendSchema, chatSessionSchema, chatStartedSchema } from '../models/chat';
import {
  cloudProviderSchema,
  inlineRunSchema,
  keyCheckSchema,
  keySetSchema,
  keyStatusSchema,
  llmStatusSchema,
  ollamaTagPickSchema,
  modelsConfigSchema,
  routeTestResultSchema,
  streamStartedSchema,
  taskClassSchema,
  usageQuerySchema,
  usageRowSchema,
} from '../models/llm';
import {
  diffLineSchema,
  promptAuditEntrySchema,
  promptEditSchema,
  promptIdSchema,
  promptSummarySchema,
  promptVersionSchema,
} from '../models/prompts';
import { titleSchema } from '../models/common';

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** One sentence on what the method does, for the next engineer. */
  doc: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

const byId = z.object({ id: idSchema }).strict();
const byProject = z.object({ projectId: idSchema }).strict();

/**
 * The one door between the UI and the core. Every method is `domain.verb` with a zod schema
 * for its input and its output. The router, both transports and the renderer's client are
 * derived from this object.
 */
export const contract = {
  'app.info': method({ input: emptySchema, output: appInfoSchema, doc: 'Version, data folder and engine versions.' }),
  'prefs.get': method({ input: emptySchema, output: prefsSchema, doc: 'The user preferences.' }),
  'prefs.update': method({ input: prefsUpdateSchema, output: prefsSchema, doc: 'Changes some preferences.' }),

  'project.list': method({
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(projectSummarySchema),
    doc: 'Projects not in the trash, newest first, with word counts.',
  }),
  'project.get': method({ input: byId, output: projectSummarySchema, doc: 'One project with its word count.' }),
  'project.create': method({ input: projectCreateSchema, output: projectSchema, doc: 'Creates a project with a first chapter and scene.' }),
  'project.update': method({ input: projectUpdateSchema, output: projectSchema, doc: 'Changes fields of a project, including archiving.' }),
  'project.delete': method({ input: byId, output: okSchema, doc: 'Moves a project to the trash.' }),

  'outline.get': method({ input: byProject, output: outlineSchema, doc: 'Ordered chapters and scenes of a project.' }),

  'chapter.create': method({ input: chapterCreateSchema, output: chapterSchema, doc: 'Adds a chapter (at the end unless a position is given).' }),
  'chapter.update': method({ input: chapterUpdateSchema, output: chapterSchema, doc: 'Renames a chapter or changes its synopsis.' }),
  'chapter.move': method({ input: chapterMoveSchema, output: outlineSchema, doc: 'Moves a chapter to a new position.' }),
  'chapter.delete': method({ input: byId, output: okSchema, doc: 'Moves a chapter and its scenes to the trash.' }),

  'scene.create': method({ input: sceneCreateSchema, output: sceneMetaSchema, doc: 'Adds an empty scene to a chapter.' }),
  'scene.get': method({ input: byId, output: sceneSchema, doc: 'A scene with its text.' }),
  'scene.update': method({ input: sceneUpdateSchema, output: sceneMetaSchema, doc: 'Changes a scene’s title, synopsis, status or POV.' }),
  'scene.move': method({ input: sceneMoveSchema, output: outlineSchema, doc: 'Moves a scene within or between chapters.' }),
  'scene.save': method({ input: sceneSaveSchema, output: sceneSavedSchema, doc: 'Autosave: stores a scene’s text durably.' }),
  'scene.delete': method({ input: byId, output: okSchema, doc: 'Moves a scene to the trash.' }),

  'codex.list': method({ input: byProject, output: z.array(codexEntrySchema), doc: 'Codex entries of a project by name.' }),
  'codex.create': method({ input: codexCreateSchema, output: codexEntrySchema, doc: 'Adds a character, location, lore or object.' }),
  'codex.update': method({ input: codexUpdateSchema, output: codexEntrySchema, doc: 'Changes a codex entry.' }),
  'codex.delete': method({ input: byId, output: okSchema, doc: 'Moves a codex entry to the trash.' }),

  'snapshot.create': method({ input: snapshotCreateSchema, output: snapshotSchema, doc: 'Snapshots a scene, chapter or whole project.' }),
  'snapshot.list': method({ input: snapshotListSchema, output: z.array(snapshotSchema), doc: 'Snapshots of a project, newest first.' }),
  'snapshot.preview': method({ input: byId, output: snapshotPreviewSchema, doc: 'The text a snapshot holds.' }),
  'snapshot.restore': method({ input: byId, output: snapshotRestoredSchema, doc: 'Restores a snapshot after snapshotting the current state.' }),
  'snapshot.delete': method({ input: byId, output: okSchema, doc: 'Deletes a snapshot permanently.' }),

  'trash.list': method({
    input: z.object({ projectId: idSchema.optional() }).strict(),
    output: z.array(trashItemSchema),
    doc: 'Deleted items, newest first (projects when no project is given).',
  }),
  'trash.restore': method({ input: trashRefSchema, output: okSchema, doc: 'Brings an item back from the trash.' }),
  'trash.empty': method({ input: trashEmptySchema, output: z.object({ removed: z.number().int() }), doc: 'Deletes trashed items for good.' }),

  'search.query': method({ input: searchQuerySchema, output: z.array(searchHitSchema), doc: 'Full-text search over a manuscript.' }),

  'export.run': method({ input: exportRequestSchema, output: exportFileSchema, doc: 'Exports the manuscript to Markdown, DOCX or EPUB.' }),

  // ── AI: models, routes, keys ──────────────────────────────────────────────────────────
  'llm.status': method({ input: emptySchema, output: llmStatusSchema, doc: 'Which providers are reachable, their models, and which task classes can run.' }),
  'llm.setOllamaUrl': method({
    input: z.object({ baseUrl: z.url().max(500) }).strict(),
    output: llmStatusSchema,
    doc: 'Points Nova Studio at another Ollama server and re-checks it.',
  }),
  'llm.setOllamaTag': method({
    input: ollamaTagPickSchema,
    output: llmStatusSchema,
    doc: 'Saves which installed tag of an Ollama family the routes use (null: latest, else the smallest), in the user models file.',
  }),
  'llm.pull': method({
    input: z.object({ model: z.string().trim().min(1).max(200) }).strict(),
    output: streamStartedSchema,
    doc: 'Starts pulling an Ollama model; progress arrives as llm.pullProgress, the end as stream.end.',
  }),
  'routes.get': method({ input: emptySchema, output: modelsConfigSchema, doc: 'The models file in effect (the user copy, else the shipped defaults).' }),
  'routes.update': method({ input: z.object({ config: modelsConfigSchema }).strict(), output: modelsConfigSchema, doc: 'Saves the user copy of the models file.' }),
  'routes.reset': method({ input: emptySchema, output: modelsConfigSchema, doc: 'Goes back to the shipped models file.' }),
  'routes.test': method({
    input: z.object({ taskClass: taskClassSchema }).strict(),
    output: routeTestResultSchema,
    doc: 'Sends a tiny prompt down a task class’s route and reports which model answered.',
  }),
  'keys.list': method({ input: emptySchema, output: z.array(keyStatusSchema), doc: 'Which cloud keys are stored (masked).' }),
  'keys.set': method({
    input: keySetSchema,
    output: z.object({ status: keyStatusSchema, check: keyCheckSchema }),
    doc: 'Stores a key in the OS keychain and checks it with a cheap call.',
  }),
  'keys.test': method({ input: z.object({ provider: cloudProviderSchema }).strict(), output: keyCheckSchema, doc: 'Checks a stored key.' }),
  'keys.delete': method({ input: z.object({ provider: cloudProviderSchema }).strict(), output: okSchema, doc: 'Forgets a stored key.' }),

  // ── AI: prompt registry ───────────────────────────────────────────────────────────────
  'prompts.list': method({ input: emptySchema, output: z.array(promptSummarySchema), doc: 'Every prompt with its active version.' }),
  'prompts.get': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive().optional() }).strict(),
    output: promptVersionSchema,
    doc: 'One version of a prompt (the active one by default).',
  }),
  'prompts.history': method({
    input: z.object({ id: promptIdSchema }).strict(),
    output: z.object({ versions: z.array(promptVersionSchema), audit: z.array(promptAuditEntrySchema) }),
    doc: 'All versions of a prompt and its audit trail.',
  }),
  'prompts.edit': method({ input: promptEditSchema, output: promptVersionSchema, doc: 'Saves an edit as a new version (refused for locked prompts).' }),
  'prompts.diff': method({
    input: z.object({ id: promptIdSchema, from: z.number().int().positive(), to: z.number().int().positive() }).strict(),
    output: z.array(diffLineSchema),
    doc: 'A line diff between two versions.',
  }),
  'prompts.pin': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive().nullable() }).strict(),
    output: promptSummarySchema,
    doc: 'Pins a version (null unpins: the latest is used).',
  }),
  'prompts.revert': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive() }).strict(),
    output: promptVersionSchema,
    doc: 'Makes an older version the newest again, as a new version.',
  }),

  // ── AI: chat and inline actions ───────────────────────────────────────────────────────
  'chat.list': method({ input: byProject, output: z.array(chatSessionSchema), doc: 'Chat sessions of a project, newest first.' }),
  'chat.create': method({ input: chatCreateSchema, output: chatSessionSchema, doc: 'Starts a chat session.' }),
  'chat.rename': method({ input: z.object({ id: idSchema, title: titleSchema }).strict(), output: chatSessionSchema, doc: 'Renames a chat session.' }),
  'chat.delete': method({ input: byId, output: okSchema, doc: 'Deletes a chat session.' }),
  'chat.messages': method({ input: z.object({ sessionId: idSchema }).strict(), output: z.array(chatMessageSchema), doc: 'Messages of a session in order.' }),
  'chat.send': method({ input: chatSendSchema, output: chatStartedSchema, doc: 'Sends a message; the reply streams as stream.* events.' }),
  'chat.regenerate': method({
    input: z.object({ sessionId: idSchema }).strict(),
    output: chatStartedSchema,
    doc: 'Replaces the last reply with a new one.',
  }),
  'ai.inline': method({ input: inlineRunSchema, output: streamStartedSchema, doc: 'Runs an editor action (continue, rewrite…); the suggestion streams as stream.* events.' }),
  'stream.cancel': method({ input: z.object({ streamId: idSchema }).strict(), output: okSchema, doc: 'Stops a running stream.' }),
  'usage.summary': method({ input: usageQuerySchema, output: z.array(usageRowSchema), doc: 'Tokens, cost and latency by day and project.' }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after parsing (defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
