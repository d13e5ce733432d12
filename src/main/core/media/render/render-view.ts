import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MediaFile, Render, RenderFiles, RenderStage, RenderStatus, VideoFormat } from '../../../../shared/models/media';
import type { MediaFiles } from '../media-files.port';
import type { RenderRow } from './render.repo';

const MIME: Readonly<Record<string, string>> = { '.mp4': 'video/mp4', '.srt': 'application/x-subrip', '.vtt': 'text/vtt', '.jpg': 'image/jpeg' };

type StoredFiles = { video: string; thumbnail: string | null; srt: string | null; vtt: string | null };

const parse = <T>(json: string | null, fallback: T): T => (json === null ? fallback : (JSON.parse(json) as T));

async function describe(files: MediaFiles, dir: string, name: string | null): Promise<MediaFile | null> {
  if (name === null) return null;
  const file = path.join(dir, name);
  // A file deleted behind the app's back is shown as missing rather than failing the listing.
  if (!(await stat(file).catch(() => null))) return null;
  return files.describe(file, MIME[path.extname(name)] ?? 'application/octet-stream');
}

/** The shared shape of a render row; file URLs are signed now (they are valid for this launch only, so never stored). */
export async function toRender(row: RenderRow, files: MediaFiles, dir: string): Promise<Render> {
  const stored = parse<StoredFiles | null>(row.files, null);
  let renderFiles: RenderFiles | null = null;
  if (stored !== null) {
    const video = await describe(files, dir, stored.video);
    if (video !== null) {
      renderFiles = { video, thumbnail: await describe(files, dir, stored.thumbnail), srt: await describe(files, dir, stored.srt), vtt: await describe(files, dir, stored.vtt) };
    }
  }
  return {
    id: row.id,
    videoId: row.videoId,
    projectId: row.projectId,
    jobId: row.jobId,
    status: row.status as RenderStatus,
    format: row.format as VideoFormat,
    title: row.title,
    videoRevision: row.videoRevision,
    stage: row.stage as RenderStage | null,
    progress: Math.min(1, Math.max(0, row.progress)),
    etaSec: row.etaSec,
    notices: parse<string[]>(row.notices, []),
    error: row.errorCode === null ? null : { code: row.errorCode, message: row.errorMessage ?? '' },
    files: renderFiles,
    durationSec: row.durationSec,
    loudness: parse<Render['loudness']>(row.loudness, null),
    timings: parse<Render['timings']>(row.timings, {}),
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
