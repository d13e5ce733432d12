import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { defaultVideosDir, PRODUCT_NAME } from '../../platform/paths';
import type { IdGenerator } from '../../platform/clock';
import { safeExtension, safeFileBase } from './safe-file-name';

export interface ExportRenderRequest {
  /** The render's files (video, captions, thumbnail), absolute paths. */
  files: readonly string[];
  /** Where to put them (created when missing). */
  folder: string;
  /** The name the copies take before their extensions (the video's title); sanitised here. */
  baseName: string;
}

export interface ExportRenderResult {
  folder: string;
  /** The copies' file names, in the order of `files`. */
  files: string[];
}

/**
 * The default export folder: `<Videos>/Nova Studio/<project title>`. `videosDir` is the shell's
 * (Electron: `app.getPath('videos')`, as `MediaConfig.videosDir`); `~/Videos` (macOS `~/Movies`) otherwise.
 */
export function defaultExportFolder(videosDir: string | undefined, projectTitle: string): string {
  return path.join(videosDir ?? defaultVideosDir(), PRODUCT_NAME, safeFileBase(projectTitle, 'Untitled project'));
}

/**
 * Copies a render's files into `folder` as `<baseName>.<ext>`. Never overwrites: a taken name
 * becomes `name (2).mp4`, `name (3).mp4`… Each file is copied under a temporary name and then
 * given its final one, so a half-copied file never carries a real name.
 */
export async function exportRenderFiles(request: ExportRenderRequest, deps: { ids: IdGenerator }): Promise<ExportRenderResult> {
  const folder = path.resolve(request.folder);
  await prepareFolder(folder);
  const base = safeFileBase(request.baseName);
  const names: string[] = [];
  for (const source of request.files) {
    const info = await stat(source).catch(() => null);
    if (!info?.isFile()) throw new AppError(ErrorCode.NOT_FOUND, `The render’s file “${path.basename(source)}” is missing; render the video again.`);
    const temp = path.join(folder, `.${deps.ids.newId()}.nova-partial`);
    try {
      await copyFile(source, temp, constants.COPYFILE_EXCL);
      names.push(await claimName(temp, folder, base, safeExtension(path.extname(source))));
    } catch (error) {
      await rm(temp, { force: true });
      throw writeError(folder, error);
    }
  }
  return { folder, files: names };
}

async function prepareFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw writeError(folder, error);
  }
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new AppError(ErrorCode.EXPORT_FAILED, `“${folder}” is not a folder. Choose another place to export to.`);
}

/** Gives the copy the first free name. A hard link fails if the name exists (no race); where links are not supported, rename after a check. */
async function claimName(temp: string, folder: string, base: string, extension: string): Promise<string> {
  for (let n = 1; n < 10_000; n += 1) {
    const name = n === 1 ? `${base}${extension}` : `${base} (${n})${extension}`;
    const target = path.join(folder, name);
    try {
      await link(temp, target);
      await rm(temp, { force: true });
      return name;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (!isLinkUnsupported(code)) throw error;
      if (await exists(target)) continue;
      await rename(temp, target);
      return name;
    }
  }
  throw new AppError(ErrorCode.EXPORT_FAILED, `The folder “${folder}” already holds too many files named “${base}”.`);
}

const isLinkUnsupported = (code: string | undefined) => code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A sentence the writer can act on, from a file system error. */
function writeError(folder: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'Nova Studio is not allowed to write there',
    EPERM: 'Nova Studio is not allowed to write there',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'part of the path is a file, not a folder',
    EEXIST: 'part of the path is a file, not a folder',
    ENAMETOOLONG: 'the path is too long',
  };
  const reason = (code && why[code]) ?? 'the files could not be written there';
  return new AppError(ErrorCode.EXPORT_FAILED, `Could not export to “${folder}”: ${reason}. Choose another folder.`, { cause: error });
}
