import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { Clock, IdGenerator } from '../../platform/clock';

/** An import left untouched this long is abandoned: its part file is removed. */
export const UPLOAD_ABANDONED_MS = 60 * 60 * 1000;

/** One import in flight: its part file fills in order, chunk by chunk. */
export interface Upload {
  id: string;
  projectId: string;
  fileName: string;
  mimeType: string;
  bytes: number;
  received: number;
  partPath: string;
  touchedAt: number;
  /** Chunks of one upload are written one after the other. */
  queue: Promise<unknown>;
  /** Set when finishing starts: no more chunks, no second finish. */
  finishing: boolean;
}

export interface UploadTableDeps {
  clock: Clock;
  ids: IdGenerator;
  /** `<dataDir>/media/assets/<projectId>`. */
  folderOf(projectId: string): string;
}

const gone = () => new AppError(ErrorCode.NOT_FOUND, 'This import is no longer in progress (it finished, failed, or was left for over an hour). Import the file again.');

/**
 * The imports in flight, in memory (an import does not outlive the app: its part file is swept
 * at the next start). Chunks arrive by byte offset: a repeated one is harmless, a gap is refused.
 */
export function createUploadTable(deps: UploadTableDeps) {
  const uploads = new Map<string, Upload>();

  const remove = async (upload: Upload) => {
    uploads.delete(upload.id);
    await rm(upload.partPath, { force: true });
  };

  /** Removes imports nobody has touched for an hour. */
  const sweep = async () => {
    const now = deps.clock.now();
    for (const upload of [...uploads.values()]) if (now - upload.touchedAt >= UPLOAD_ABANDONED_MS) await remove(upload);
  };

  const find = (id: string): Upload => {
    const upload = uploads.get(id);
    if (!upload || upload.finishing) throw gone();
    return upload;
  };

  const write = async (upload: Upload, offset: number, data: Buffer): Promise<number> => {
    if (!uploads.has(upload.id)) throw gone();
    if (offset > upload.received) {
      throw new AppError(ErrorCode.INVALID_INPUT, `A part of “${upload.fileName}” is missing (the next part starts at byte ${upload.received.toLocaleString('en')}, this one at ${offset.toLocaleString('en')}). Import it again.`);
    }
    const end = offset + data.length;
    if (end > upload.bytes) throw new AppError(ErrorCode.INVALID_INPUT, `“${upload.fileName}” is bigger than the ${upload.bytes.toLocaleString('en')} bytes announced. Import it again.`);
    // A part already written (a retried send) changes nothing; only the bytes past it are new.
    if (end > upload.received) {
      const handle = await open(upload.partPath, 'r+');
      try {
        const fresh = data.subarray(upload.received - offset);
        await handle.write(fresh, 0, fresh.length, upload.received);
      } finally {
        await handle.close();
      }
      upload.received = end;
    }
    upload.touchedAt = deps.clock.now();
    return upload.received;
  };

  return {
    sweep,

    async begin(input: { projectId: string; fileName: string; mimeType: string; bytes: number }): Promise<Upload> {
      await sweep();
      const id = deps.ids.newId();
      const partPath = path.join(deps.folderOf(input.projectId), `${id}.part`);
      const handle = await open(partPath, 'w');
      await handle.close();
      const upload: Upload = { id, ...input, received: 0, partPath, touchedAt: deps.clock.now(), queue: Promise.resolve(), finishing: false };
      uploads.set(id, upload);
      return upload;
    },

    /** Writes one chunk at its offset; returns the bytes received so far. */
    chunk(id: string, offset: number, data: Buffer): Promise<number> {
      const upload = find(id);
      const next = upload.queue.then(() => write(upload, offset, data));
      upload.queue = next.catch(() => undefined);
      return next;
    },

    /** Takes a complete import out of the table (its part file stays for the caller); refuses an incomplete one. */
    async take(id: string): Promise<Upload> {
      const upload = find(id);
      upload.finishing = true;
      await upload.queue;
      if (upload.received !== upload.bytes) {
        await remove(upload);
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `“${upload.fileName}” arrived incomplete (${upload.received.toLocaleString('en')} of ${upload.bytes.toLocaleString('en')} bytes). Import it again.`,
        );
      }
      uploads.delete(id);
      return upload;
    },

    /** Drops every import (closing): their part files go. */
    async clear(): Promise<void> {
      for (const upload of [...uploads.values()]) await remove(upload);
    },
  };
}

export type UploadTable = ReturnType<typeof createUploadTable>;
