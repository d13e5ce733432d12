export { createChapterRepo, toChapter, type ChapterRepo } from './chapter.repo';
export { createSceneRepo, toScene, toSceneMeta, type SceneRepo, type SceneTextUpdate } from './scene.repo';
export { createSceneIndex, projectToken, toMatchExpression, type SceneIndex } from './scene-index.repo';
export {
  createManuscriptService,
  type ManuscriptService,
  type ManuscriptDeps,
  type WritingSessionRecorder,
} from './manuscript.service';
export type { SceneTextStore, SceneTextSave, SceneTextSaved, SceneTextUpdateInput, SceneDocPushed } from './scene-text.types';
export { measureDocument } from './document-measure';
export { createTextWorker, defaultTextWorkerUrl, type TextWorker } from './text-worker';
export { recountWordsIfStale } from './word-recount';
export { createManuscriptHandlers } from './handlers';
export { plainTextToDocument } from './document-text';
export { documentToPlainText } from '../../../shared/text/document-text';
export { comparePlaced, keyAfter, keysForOrder, placeAt, type Placed, type Placement } from './positions';
