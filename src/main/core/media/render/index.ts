/** Renders: a video to an MP4, captions and a thumbnail, as durable jobs with a segment cache (the media domain's render part). */
export { createRenderRepo } from './render.repo';
export type { RenderRepo } from './render.repo';
export { createRenderService, RENDER_FONT, RENDER_JOB_KIND, SEGMENT_CACHE_FOLDER } from './render.service';
export type { RenderOptions, RenderService, RenderServiceDeps } from './render.service';
export type { RenderNarrator } from './render-narration';
export { RENDER_FILE_NAMES } from './render-pipeline';
export type { RenderSources, ResolvedAsset, RenderSpec } from './render-spec';
export { layOutScenes, LEAD_SEC, TAIL_SEC } from './render-timeline';
export { pieceKey, SEGMENT_CODE_VERSION } from './render-pieces';
