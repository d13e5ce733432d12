import { okSchema } from '../../models/common';
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
} from '../../models/manuscript';
import { sceneDocPullSchema, sceneDocPushedSchema, sceneDocPushSchema, sceneDocStateSchema } from '../../models/scene-doc';
import { byId, byProject, method } from './method';

/** The manuscript domain: a project's outline, its chapters and scenes. */
export const manuscriptContract = {
  'outline.get': method({ input: byProject, output: outlineSchema, doc: 'Ordered chapters and scenes of a project.' }),

  'chapter.create': method({ input: chapterCreateSchema, output: chapterSchema, doc: 'Adds a chapter (at the end unless a position is given).' }),
  'chapter.update': method({ input: chapterUpdateSchema, output: chapterSchema, doc: 'Renames a chapter or changes its synopsis.' }),
  'chapter.move': method({ input: chapterMoveSchema, output: outlineSchema, doc: 'Moves a chapter to a new position.' }),
  'chapter.delete': method({ input: byId, output: okSchema, doc: 'Moves a chapter and its scenes to the trash.' }),

  'scene.create': method({ input: sceneCreateSchema, output: sceneMetaSchema, doc: 'Adds an empty scene to a chapter.' }),
  'scene.get': method({ input: byId, output: sceneSchema, doc: 'A scene with its text.' }),
  'scene.update': method({ input: sceneUpdateSchema, output: sceneMetaSchema, doc: 'Changes a scene’s title, synopsis, status or POV.' }),
  'scene.move': method({ input: sceneMoveSchema, output: outlineSchema, doc: 'Moves a scene within or between chapters.' }),
  'scene.save': method({ input: sceneSaveSchema, output: sceneSavedSchema, doc: 'Autosave: stores a scene’s text durably, merging it with edits made since its base revision.', frame: 'large' }),
  'scene.doc.open': method({ input: byId, output: sceneDocStateSchema, doc: 'The scene’s Yjs document, whole (base64), for an editor to bind to.' }),
  'scene.doc.push': method({
    input: sceneDocPushSchema,
    output: sceneDocPushedSchema,
    doc: 'An open editor’s own edits as a Yjs update: merged and stored durably like a save (idempotent); answers with what the editor lacks.',
    frame: 'large',
  }),
  'scene.doc.pull': method({ input: sceneDocPullSchema, output: sceneDocStateSchema, doc: 'What an editor holding this state vector lacks of the scene’s Yjs document.' }),
  'scene.delete': method({ input: byId, output: okSchema, doc: 'Moves a scene to the trash.' }),
} as const;
