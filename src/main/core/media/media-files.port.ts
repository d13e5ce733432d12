import type { MediaFile } from '../../../shared/models/media';

/**
 * The media area of the data folder and the URLs the renderer loads its files from.
 *
 * Layout under the data folder:
 * - `media/assets/<projectId>/` — the writer's imported images and music;
 * - `media/renders/<renderId>/` — finished renders (video, captions, thumbnail);
 * - `media/previews/` — voice previews (short WAVs, replaced freely);
 * - `media-cache/` — the TTS and segment caches (derived: safe to delete);
 * - `voices/piper/<voiceId>/` — downloaded Piper voices.
 *
 * Only files under `root` get URLs: the URL is same-origin (`/media-files/…`) and signed with a
 * secret of this launch, so neither another page nor a guessed path can read the data folder.
 */
export interface MediaFiles {
  /** `<dataDir>/media`. */
  readonly root: string;
  /** Describes a file under `root` with its signed URL; `NOT_FOUND` when it is missing or outside `root`. */
  describe(absolutePath: string, mimeType?: string): Promise<MediaFile>;
}

/** Folder names under the data folder (see {@link MediaFiles}). */
export const MEDIA_FOLDERS = {
  root: 'media',
  assets: 'media/assets',
  renders: 'media/renders',
  previews: 'media/previews',
  cache: 'media-cache',
  piperVoices: 'voices/piper',
} as const;
