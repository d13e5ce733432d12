import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { MethodName } from '../../../../shared/ipc/contract';
import type { DomainHandlers } from '../../handlers';
import type { IdGenerator } from '../../platform/clock';
import type { FfmpegLocator } from '../ffmpeg';
import { defaultExportFolder, exportRenderFiles } from './render-export';
import { computeWaveform } from './waveform';

/** Peaks the preview's waveform gets: more than a wide player has pixels, far under the 4000 cap. */
export const RENDER_WAVEFORM_POINTS = 2000;

/** What the two handlers need to know of a finished render (the renders part answers it). */
export interface RenderFilesOnDisk {
  /** The final video (its sound is the waveform). */
  video: string;
  /** Every file to export, video first (captions, thumbnail). */
  files: string[];
  /** The video's title: the exported files' name. */
  title: string;
  /** The project's title: the default export folder's name. */
  projectTitle: string;
}

export interface RenderFileHandlerDeps {
  ffmpeg: FfmpegLocator;
  ids: IdGenerator;
  /** The shell's videos folder (`MediaConfig.videosDir`); the platform's when absent. */
  videosDir?: string;
  /** A finished render's files; null when there is no such render or it has no files (yet). */
  findRender(renderId: string): RenderFilesOnDisk | null | Promise<RenderFilesOnDisk | null>;
}

/**
 * `media.renders.waveform` and `media.renders.export` over the renders part's lookup, so wiring
 * them is one line once renders exist.
 */
export function createRenderFileHandlers(deps: RenderFileHandlerDeps): DomainHandlers<Extract<MethodName, 'media.renders.waveform' | 'media.renders.export'>> {
  const finished = async (id: string): Promise<RenderFilesOnDisk> => {
    const render = await deps.findRender(id);
    if (!render) throw new AppError(ErrorCode.NOT_FOUND, 'This render has no video yet: wait until it is finished, or render the video again.');
    return render;
  };
  return {
    'media.renders.waveform': async ({ id }) => computeWaveform(deps.ffmpeg, (await finished(id)).video, { points: RENDER_WAVEFORM_POINTS }),
    'media.renders.export': async ({ id, folder }) => {
      const render = await finished(id);
      const target = folder ?? defaultExportFolder(deps.videosDir, render.projectTitle);
      return exportRenderFiles({ files: render.files, folder: target, baseName: render.title }, { ids: deps.ids });
    },
  };
}
