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
