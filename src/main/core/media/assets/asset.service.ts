import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode, notFound } from '../../../../shared/ipc/errors';
import type { MediaAsset, MediaAssetKind } from '../../../../shared/models/media';
import { inTransaction, type AppDatabase } from '../../db/connection';
import type { EventBus } from '../../events';
import type { Clock, IdGenerator } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { ProjectRepo } from '../../projects';
import type { MediaInfo } from '../ffmpeg';
import { MEDIA_FOLDERS, type MediaFiles } from '../media-files.port';
import { classifyAsset, notMediaMessage } from './asset-probe';
import { createUploadTable, UPLOAD_ABANDONED_MS } from './asset-uploads';
import type { AssetRepo, AssetRow } from './asset.repo';

export interface AssetServiceDeps {
  dataDir: string;
  database: AppDatabase;
  repo: AssetRepo;
  projects: ProjectRepo;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  mediaFiles: MediaFiles;
  /** ffprobe's reading of a file (the ffmpeg part's `probe`). */
  probe(file: string): Promise<MediaInfo>;
  /** Titles of the project's videos whose script or music uses the asset. */
  usedBy(projectId: string, assetId: string): string[];
}

/**
 * The writer's own images and music: imported in chunks into `<dataDir>/media/assets/<projectId>/`,
 * checked with ffprobe (an image gets its size, a sound file its duration; anything else is
 * refused and removed), listed with signed URLs, and deleted only when no video uses them.
 */
export function createAssetService(deps: AssetServiceDeps) {
  const { database, repo, projects, events, clock, ids } = deps;
  const folderOf = (projectId: string) => path.join(deps.dataDir, MEDIA_FOLDERS.assets, projectId);
  const uploads = createUploadTable({ clock, ids, folderOf });

  const liveProject = (projectId: string) => {
    if (!projects.findLive(projectId)) throw notFound('The project');
  };
  const fileOf = (row: AssetRow) => path.join(folderOf(row.projectId), row.storedName);
  const toAsset = async (row: AssetRow): Promise<MediaAsset> => ({
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as MediaAssetKind,
    fileName: row.fileName,
    file: await deps.mediaFiles.describe(fileOf(row), row.mimeType),
    width: row.width,
    height: row.height,
    durationSec: row.durationSec,
    createdAt: row.createdAt,
  });
  const findRow = (id: string): AssetRow => {
    const row = repo.find(id);
    if (!row || !projects.findLive(row.projectId)) throw notFound('The file');
    return row;
  };

  const probe = async (file: string, fileName: string) => {
    try {
      return classifyAsset(await deps.probe(file), fileName);
    } catch (error) {
      // ffprobe could not read it at all: not a media file (a missing ffprobe is said as it is).
      if (error instanceof AppError && error.code === ErrorCode.FFMPEG_FAILED) throw new AppError(ErrorCode.INVALID_INPUT, notMediaMessage(fileName), { cause: error });
      throw error;
    }
  };

  return {
    /** A project's assets (of one kind, when asked), newest first. */
    async list(projectId: string, kind?: MediaAssetKind): Promise<MediaAsset[]> {
      liveProject(projectId);
      return Promise.all(repo.list(projectId, kind).map(toAsset));
    },

    /** The kind of one of the project's assets, or null when it has none by that id. */
    kindOf(projectId: string, assetId: string): MediaAssetKind | null {
      const row = repo.find(assetId);
      return row && row.projectId === projectId ? (row.kind as MediaAssetKind) : null;
    },

    /** Where an asset's file is, for the render. */
    resolveAsset(assetId: string): { path: string; kind: MediaAssetKind; projectId: string } {
      const row = findRow(assetId);
      return { path: fileOf(row), kind: row.kind as MediaAssetKind, projectId: row.projectId };
    },

    async beginUpload(input: { projectId: string; fileName: string; mimeType: string; bytes: number }): Promise<{ uploadId: string }> {
      liveProject(input.projectId);
      await mkdir(folderOf(input.projectId), { recursive: true });
      const upload = await uploads.begin(input);
      return { uploadId: upload.id };
    },

    async uploadChunk(input: { uploadId: string; offset: number; dataBase64: string }): Promise<{ receivedBytes: number }> {
      return { receivedBytes: await uploads.chunk(input.uploadId, input.offset, Buffer.from(input.dataBase64, 'base64')) };
    },

    /** Checks the complete file with ffprobe and adds it to the project; a file that is not an image or sound is removed. */
    async finishUpload(input: { uploadId: string }): Promise<MediaAsset> {
      const upload = await uploads.take(input.uploadId);
      try {
        const facts = await probe(upload.partPath, upload.fileName);
        liveProject(upload.projectId);
        const id = ids.newId();
        const storedName = `${id}${facts.extension}`;
        await rename(upload.partPath, path.join(folderOf(upload.projectId), storedName));
        const row: AssetRow = {
          id,
          projectId: upload.projectId,
          kind: facts.kind,
          fileName: upload.fileName,
          storedName,
          mimeType: facts.mimeType,
          bytes: upload.bytes,
          width: facts.width,
          height: facts.height,
          durationSec: facts.durationSec,
          createdAt: clock.now(),
        };
        inTransaction(database, () => repo.insert(row));
        deps.logger.info({ assetId: id, kind: facts.kind, bytes: upload.bytes }, 'asset imported');
        events.emit('media.changed', { projectId: upload.projectId, videoId: null });
        return await toAsset(row);
      } catch (error) {
        await rm(upload.partPath, { force: true });
        throw error;
      }
    },

    /** Deletes an asset and its file; refused (`CONFLICT`, naming the video) while a video uses it. */
    async delete(id: string): Promise<void> {
      const row = findRow(id);
      const users = deps.usedBy(row.projectId, id);
      if (users.length > 0) {
        const what = row.kind === 'image' ? 'image' : 'sound file';
        const names = users.map((title) => `“${title}”`).join(', ');
        throw new AppError(ErrorCode.CONFLICT, `The video ${names} uses this ${what}. Choose another ${what} there first, then delete it.`);
      }
      repo.delete(id);
      await rm(fileOf(row), { force: true });
      events.emit('media.changed', { projectId: row.projectId, videoId: null });
    },

    /**
     * Removes imports abandoned for an hour (and part files left by an earlier launch), and the
     * files of projects deleted for good (a trashed project keeps its files for a restore).
     */
    async sweep(): Promise<void> {
      await uploads.sweep();
      const root = path.join(deps.dataDir, MEDIA_FOLDERS.assets);
      const folders = await readdir(root).catch(() => [] as string[]);
      for (const folder of folders) {
        if (!projects.findAny(folder)) {
          await rm(path.join(root, folder), { recursive: true, force: true });
          continue;
        }
        const names = await readdir(path.join(root, folder)).catch(() => [] as string[]);
        for (const name of names.filter((n) => n.endsWith('.part'))) {
          const file = path.join(root, folder, name);
          const info = await stat(file).catch(() => null);
          if (info && clock.now() - info.mtimeMs >= UPLOAD_ABANDONED_MS) await rm(file, { force: true });
        }
      }
    },

    close: () => uploads.clear(),
  };
}

export type AssetService = ReturnType<typeof createAssetService>;
