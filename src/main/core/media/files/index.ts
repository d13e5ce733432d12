/**
 * Media files: signed same-origin URLs for files under `<dataDir>/media`, serving them with
 * byte ranges (both shells), the waveform of a render's sound and export to a folder.
 */
export { parseByteRange } from './byte-range';
export type { ByteRange } from './byte-range';
export { createMediaFiles, fileVersion } from './media-files.service';
export type { MediaFilesDeps } from './media-files.service';
export { MEDIA_CACHE_CONTROL, serveMediaFile } from './media-serve';
export type { MediaRequest, MediaResponse } from './media-serve';
export { mediaTypeOf } from './media-types';
export { MEDIA_URL_PREFIX, mediaUrl, parseMediaUrl, signMediaPath, verifyMediaPath } from './media-url';
export { createRenderFileHandlers, RENDER_WAVEFORM_POINTS } from './render-file.handlers';
export type { RenderFileHandlerDeps, RenderFilesOnDisk } from './render-file.handlers';
export { defaultExportFolder, exportRenderFiles } from './render-export';
export type { ExportRenderRequest, ExportRenderResult } from './render-export';
export { safeExtension, safeFileBase } from './safe-file-name';
export { computeWaveform, MAX_WAVEFORM_POINTS, waveformCacheFile } from './waveform';
export type { WaveformOptions } from './waveform';
