import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CreateBackupRequestSchema, MAX_MANIFEST_BYTES, type Backup } from '../../shared/cloud/blobs';
import { OpaqueIdSchema } from '../../shared/cloud/common';
import { TIER_QUOTA_BYTES } from '../../shared/cloud/tiers';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { CloudHttpError, fail } from '../http/errors';
import { jsonBody, paramOf } from '../http/validate';
import type { BackupRow } from '../storage';
import { blobKey } from './uploads.routes';

type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range of a blob of `size` bytes (`a-b`, `a-`, `-n`); null for no header. Several
 * ranges are not supported: the first is served, as RFC 9110 allows a server to do.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)/.exec(header.trim());
  const unsatisfiable = (): never => {
    throw new CloudHttpError('RANGE_NOT_SATISFIABLE', `The blob has ${size} bytes.`, {}, { 'Content-Range': `bytes */${size}` });
  };
  if (!match || (match[1] === '' && match[2] === '')) return unsatisfiable();
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return unsatisfiable();
  return { start, end };
}

/** Blob downloads (with Range) and deletion; backups. */
export function registerBlobRoutes(routes: Hono<CloudEnv>, deps: CloudDeps): void {
  routes.get('/blobs/:blobId', async (c) => {
    const accountId = c.get('auth').accountId;
    const blob = await deps.store.getBlob(accountId, paramOf(c, 'blobId', OpaqueIdSchema));
    if (!blob) fail('NOT_FOUND', 'No blob by that id on this account.');
    const range = parseRange(c.req.header('range'), blob.size);
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: `"${blob.sha256}"`,
      'Content-Length': String(range ? range.end - range.start + 1 : blob.size),
    };
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${blob.size}`;
    const stream = blob.size === 0 ? null : await deps.blobs.read(blobKey(accountId, blob.id), range ?? undefined);
    return new Response(stream ? (Readable.toWeb(stream) as ReadableStream<Uint8Array>) : null, { status: range ? 206 : 200, headers });
  });

  routes.delete('/blobs/:blobId', async (c) => {
    const accountId = c.get('auth').accountId;
    const blobId = paramOf(c, 'blobId', OpaqueIdSchema);
    const outcome = await deps.store.deleteBlob(accountId, blobId);
    if (outcome === 'not-found') fail('NOT_FOUND', 'No blob by that id on this account.');
    if (outcome === 'in-use') fail('IN_USE', 'A backup uses this blob: delete the backup instead.');
    await deps.blobs.delete(blobKey(accountId, blobId));
    return c.body(null, 204);
  });

  const backupOf = async (row: BackupRow): Promise<Backup> => {
    const blob = await deps.store.getBlob(row.accountId, row.blobId);
    return {
      backupId: row.id,
      blobId: row.blobId,
      kind: row.kind,
      parentId: row.parentId,
      manifest: Buffer.from(row.manifestCiphertext).toString('base64'),
      size: blob?.size ?? 0,
      createdAt: row.createdAt,
    };
  };

  routes.post('/backups', bodyLimit({ maxSize: MAX_MANIFEST_BYTES * 2, onError: () => fail('TOO_LARGE', 'The manifest is too large.') }), async (c) => {
    const body = await jsonBody(c, CreateBackupRequestSchema);
    const manifest = Buffer.from(body.manifest, 'base64');
    if (manifest.byteLength > MAX_MANIFEST_BYTES) fail('TOO_LARGE', `A backup manifest is at most ${MAX_MANIFEST_BYTES} bytes.`);
    const auth = c.get('auth');
    const row: BackupRow = {
      id: deps.newId(),
      accountId: auth.accountId,
      blobId: body.blobId,
      kind: body.kind,
      parentId: body.parentId,
      manifestCiphertext: manifest,
      createdAt: deps.clock.now(),
    };
    const outcome = await deps.store.createBackup(row, TIER_QUOTA_BYTES[auth.tier]);
    if (outcome === 'blob-missing') fail('NOT_FOUND', 'No completed blob by that id: finish its upload first.');
    if (outcome === 'parent-missing') fail('NOT_FOUND', 'No backup by the parent id.');
    if (outcome === 'quota-exceeded') fail('QUOTA_EXCEEDED', `The manifest does not fit in what the ${auth.tier} plan has left.`);
    return c.json(await backupOf(row), 201);
  });

  routes.get('/backups', async (c) => {
    const rows = await deps.store.listBackups(c.get('auth').accountId);
    return c.json({ backups: await Promise.all(rows.map(backupOf)) });
  });

  routes.get('/backups/:backupId', async (c) => {
    const row = await deps.store.getBackup(c.get('auth').accountId, paramOf(c, 'backupId', OpaqueIdSchema));
    if (!row) fail('NOT_FOUND', 'No backup by that id on this account.');
    return c.json(await backupOf(row));
  });

  routes.delete('/backups/:backupId', async (c) => {
    const accountId = c.get('auth').accountId;
    const deleted = await deps.store.deleteBackup(accountId, paramOf(c, 'backupId', OpaqueIdSchema));
    if (!deleted) fail('NOT_FOUND', 'No backup by that id on this account.');
    if (deleted.blobRemoved) await deps.blobs.delete(blobKey(accountId, deleted.blobId));
    return c.body(null, 204);
  });
}
