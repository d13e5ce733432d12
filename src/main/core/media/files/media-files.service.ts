import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { MediaFile } from '../../../../shared/models/media';
import { MEDIA_FOLDERS, type MediaFiles } from '../media-files.port';
import { resolveUnderRoot } from './media-paths';
import { mediaTypeOf } from './media-types';
import { mediaUrl } from './media-url';

export interface MediaFilesDeps {
  dataDir: string;
  /** This launch's signing secret (the composition draws it from `crypto.randomBytes`). */
  secret: Uint8Array;
}

/**
 * The media files of a data folder with their signed URLs. `describe` refuses anything that is
 * not a regular file under `<dataDir>/media` once symlinks and `..` are resolved.
 */
export function createMediaFiles(deps: MediaFilesDeps): MediaFiles {
  const root = path.join(deps.dataDir, MEDIA_FOLDERS.root);
  const notFound = (file: string) => new AppError(ErrorCode.NOT_FOUND, `The media file “${path.basename(file)}” was not found.`);
  return {
    root,
    async describe(absolutePath: string, mimeType?: string): Promise<MediaFile> {
      const resolved = await resolveUnderRoot(root, absolutePath);
      if (!resolved) throw notFound(absolutePath);
      const info = await stat(resolved.real).catch(() => null);
      if (!info?.isFile()) throw notFound(absolutePath);
      return {
        name: path.basename(resolved.real),
        mimeType: mimeType ?? mediaTypeOf(resolved.real),
        bytes: info.size,
        url: mediaUrl(deps.secret, resolved.relative, fileVersion(info.mtimeMs, info.size)),
      };
    },
  };
}

/** Changes when the file is rewritten, so a cached response is never shown for a new file. */
export function fileVersion(mtimeMs: number, size: number): string {
  return `${Math.trunc(mtimeMs).toString(36)}-${size.toString(36)}`;
}
