import {
  BackupListResponseSchema,
  BackupSchema,
  BlobSchema,
  UPLOAD_OFFSET_HEADER,
  UploadStatusSchema,
  type Backup,
} from '../../../../shared/cloud/blobs';
import type { z } from 'zod';
import { backupErrors } from './backup-errors';
import { OffsetMismatch, type BackupTransport } from './backup-ports';

export interface HttpBackupTransportDeps {
  /** The endpoint's base address, e.g. `https://sync.example.com` (the routes add `/v1/…`). */
  serverUrl: string;
  /** The session's bearer token, asked for each request (the engine may renew it). */
  token: () => string;
  fetch?: typeof fetch;
}

/**
 * {@link BackupTransport} over the endpoint's HTTP routes (`/v1/uploads…`, `/v1/blobs/:id`,
 * `/v1/backups…`), with the shared zod shapes of `src/shared/cloud`. Self-contained on purpose:
 * a fetch with the bearer token and the error mapping, so it can later sit on the engine's client.
 */
export function createHttpBackupTransport(deps: HttpBackupTransportDeps): BackupTransport {
  const doFetch = deps.fetch ?? fetch;
  const base = deps.serverUrl.replace(/\/+$/, '');

  const request = async (method: string, route: string, init: { json?: unknown; body?: Uint8Array; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> => {
    const headers: Record<string, string> = { authorization: `Bearer ${deps.token()}`, ...init.headers };
    let body: RequestInit['body'];
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body) {
      headers['content-type'] = 'application/offset+octet-stream';
      // Our arrays never sit on a SharedArrayBuffer; the DOM typing of fetch wants that said.
      body = init.body as Uint8Array<ArrayBuffer>;
    }
    let response: Response;
    try {
      response = await doFetch(`${base}/v1${route}`, { method, headers, body, ...(init.signal && { signal: init.signal }) });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw backupErrors.unreachable(error);
    }
    return response;
  };
  const failed = async (response: Response): Promise<never> => {
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    throw backupErrors.fromCloud(response.status, body);
  };
  const json = async <T>(response: Response, schema: z.ZodType<T>): Promise<T> => {
    if (!response.ok) return failed(response);
    return schema.parse(await response.json());
  };

  return {
    createUpload: async (size) => json(await request('POST', '/uploads', { json: { size } }), UploadStatusSchema),
    uploadStatus: async (uploadId) => json(await request('GET', `/uploads/${encodeURIComponent(uploadId)}`), UploadStatusSchema),
    async appendChunk(uploadId, offset, bytes, signal) {
      const response = await request('PATCH', `/uploads/${encodeURIComponent(uploadId)}`, {
        body: bytes,
        headers: { [UPLOAD_OFFSET_HEADER]: String(offset) },
        ...(signal && { signal }),
      });
      if (response.status === 409) {
        const current = Number(response.headers.get(UPLOAD_OFFSET_HEADER));
        await response.body?.cancel();
        if (Number.isSafeInteger(current)) throw new OffsetMismatch(current);
      }
      if (!response.ok) return failed(response);
      await response.body?.cancel();
      return Number(response.headers.get(UPLOAD_OFFSET_HEADER));
    },
    completeUpload: async (uploadId, sha256) => json(await request('POST', `/uploads/${encodeURIComponent(uploadId)}/complete`, { json: { sha256 } }), BlobSchema),
    async createBackup(input) {
      const body = { blobId: input.blobId, kind: input.kind, parentId: input.parentId, manifest: Buffer.from(input.manifest).toString('base64') };
      return json(await request('POST', '/backups', { json: body }), BackupSchema);
    },
    listBackups: async (): Promise<Backup[]> => (await json(await request('GET', '/backups'), BackupListResponseSchema)).backups,
    getBackup: async (backupId) => json(await request('GET', `/backups/${encodeURIComponent(backupId)}`), BackupSchema),
    async deleteBackup(backupId) {
      const response = await request('DELETE', `/backups/${encodeURIComponent(backupId)}`);
      if (!response.ok) return failed(response);
    },
    async *download(blobId, start, signal) {
      const response = await request('GET', `/blobs/${encodeURIComponent(blobId)}`, { headers: start > 0 ? { range: `bytes=${start}-` } : {}, ...(signal && { signal }) });
      if (!response.ok) return failed(response);
      if (!response.body) return;
      const reader = response.body.getReader();
      let finished = false;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          finished = done;
          if (done) return;
          yield value;
        }
      } catch (error) {
        if (signal?.aborted) throw error;
        throw backupErrors.unreachable(error);
      } finally {
        // A reader that stopped early (a failed check) lets the connection go.
        if (!finished) await reader.cancel().catch(() => undefined);
      }
    },
  };
}
