/**
 * Scene text as a CRDT: each scene's document is a Yjs document (the `scene-doc` sync
 * collection, record state = one Yjs update); `scenes.content` stays its materialised editor JSON.
 */
export { createSceneDocs, type SceneDocs, type SceneDocsDeps, type SceneDocChange, type RemoteApplied } from './scene-docs.service';
export { DEFAULT_HISTORY, type HistoryPolicy, type CompactionResult } from './compaction';
export { createDocumentSchema, seedClientId, seedState, FRAGMENT_NAME } from './yjs-text';
