export { createChapterRepo, toChapter, type ChapterRepo } from './chapter.repo';
export { createSceneRepo, toScene, toSceneMeta, type SceneRepo, type SceneTextUpdate } from './scene.repo';
export { createSceneIndex, toMatchExpression, type SceneIndex } from './scene-index.repo';
export { createManuscriptService, measureDocument, type ManuscriptService, type ManuscriptDeps, type WritingSessionRecorder } from './manuscript.service';
export { createManuscriptHandlers } from './handlers';
export { documentToPlainText, plainTextToDocument } from './document-text';
export { reorder } from './positions';
