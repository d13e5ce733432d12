/** Videos and their scripts (the media crew's drafts, the offline chapter path): the media domain's videos part. */
export { createVideoRepo, toVideo, type VideoRepo, type VideoRow } from './video.repo';
export { createVideoService, type AssetLookup, type ChapterText, type VideoService, type VideoServiceDeps } from './video.service';
export { createScriptCrew, type ScriptCrew, type ScriptRuns } from './script-crew';
export { CREW_STEPS, scriptFromRun, VIDEO_PLAYBOOKS } from './crew-script';
export { narrationBlocks, NARRATION_CHARS_PER_SCENE, scriptFromManuscript, type ManuscriptSceneText } from './chapter-script';
export { createVideoHandlers, type VideoMethods } from './handlers';
