import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanResponseSchema } from '../shared/cloud/billing';
import { BackupListResponseSchema, BackupSchema, BlobSchema, UploadStatusSchema } from '../shared/cloud/blobs';
import { CloudErrorSchema } from '../shared/cloud/errors';
import { startTestCloud, type TestCloud } from './testing/cloud-test-server';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('cloud resumable uploads, blobs and backups', () => {
  let cloud: TestCloud;
  let token: string;
  let accountId: string;
  beforeEach(async () => {
    cloud = await startTestCloud();
    ({ token, accountId } = await cloud.signUp());
  });
  afterEach(async () => {
    await cloud.dispose();
  });

  const create = async (size: number) => UploadStatusSchema.parse((await cloud.call('POST', '/v1/uploads', { token, json: { size } })).json);
  const patch = (uploadId: string, offset: number, bytes: Uint8Array) =>
    cloud.call('PATCH', `/v1/uploads/${uploadId}`, {
      token,
      body: bytes,
      headers: { 'Upload-Offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    });
  const complete = (uploadId: string, hash: string) => cloud.call('POST', `/v1/uploads/${uploadId}/complete`, { token, json: { sha256: hash } });

  /** Uploads `bytes` whole in chunks and returns the blob id. */
  const uploadBlob = async (bytes: Uint8Array, chunk = 1000): Promise<string> => {
    const { uploadId } = await create(bytes.length);
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      expect((await patch(uploadId, offset, bytes.subarray(offset, offset + chunk))).status).toBe(204);
    }
    return BlobSchema.parse((await complete(uploadId, sha(bytes))).json).blobId;
  };

  it('appends chunks at offsets, reports the offset, refuses a wrong one, resumes and completes', async () => {
    const bytes = randomBytes(10_000);
    const { uploadId, offset } = await create(bytes.length);
    expect(offset).toBe(0);

    const first = await patch(uploadId, 0, bytes.subarray(0, 4000));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('4000');

    // A client that lost track (resent the first chunk) is told where to resume.
    const wrong = await patch(uploadId, 0, bytes.subarray(0, 4000));
    expect(wrong.status).toBe(409);
    expect(CloudErrorSchema.parse(wrong.json)).toMatchObject({ code: 'OFFSET_MISMATCH', currentOffset: 4000 });

    // After a client crash it asks (HEAD or GET) and carries on from there.
    const head = await cloud.call('HEAD', `/v1/uploads/${uploadId}`, { token });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('4000');
    expect(head.headers.get('upload-length')).toBe('10000');
    const status = UploadStatusSchema.parse((await cloud.call('GET', `/v1/uploads/${uploadId}`, { token })).json);
    expect(status).toEqual({ uploadId, size: 10_000, offset: 4000, blobId: null });

    // Completing early says how far it got.
    const early = await complete(uploadId, sha(bytes));
    expect(CloudErrorSchema.parse(early.json)).toMatchObject({ code: 'OFFSET_MISMATCH', currentOffset: 4000 });

    expect((await patch(uploadId, 4000, bytes.subarray(4000))).headers.get('upload-offset')).toBe('10000');
    // Nothing may pass the announced size.
    expect((await patch(uploadId, 10_000, randomBytes(1))).status).toBe(413);

    const done = await complete(uploadId, sha(bytes));
    expect(done.status).toBe(200);
    const blob = BlobSchema.parse(done.json);
    expect(blob).toMatchObject({ blobId: uploadId, size: 10_000, sha256: sha(bytes) });
    // Completing again (a lost answer) answers the same.
    expect(BlobSchema.parse((await complete(uploadId, sha(bytes))).json)).toEqual(blob);

    const download = await cloud.call('GET', `/v1/blobs/${blob.blobId}`, { token });
    expect(download.status).toBe(200);
    expect(Buffer.from(download.bytes).equals(bytes)).toBe(true);
    expect(existsSync(path.join(cloud.dataDir, 'blobs', 'uploads', accountId, uploadId))).toBe(false);
  });

  it('refuses a checksum that does not match and restarts the upload from byte 0', async () => {
    const bytes = randomBytes(3000);
    const { uploadId } = await create(bytes.length);
    await patch(uploadId, 0, bytes);
    const mismatch = await complete(uploadId, sha(randomBytes(3000)));
    expect(mismatch.status).toBe(422);
    expect(CloudErrorSchema.parse(mismatch.json)).toMatchObject({ code: 'CHECKSUM_MISMATCH', currentOffset: 0 });
    expect((await cloud.call('GET', `/v1/blobs/${uploadId}`, { token })).status).toBe(404);
    expect((await patch(uploadId, 0, bytes)).status).toBe(204);
    expect((await complete(uploadId, sha(bytes))).status).toBe(200);
  });

  it('serves byte ranges: a-b, a-, the last n, and 416 outside the blob', async () => {
    const bytes = randomBytes(5000);
    const blobId = await uploadBlob(bytes);
    const range = (value: string) => cloud.call('GET', `/v1/blobs/${blobId}`, { token, headers: { range: value } });

    const middle = await range('bytes=100-199');
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 100-199/5000');
    expect(Buffer.from(middle.bytes).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await range('bytes=4990-');
    expect(Buffer.from(tail.bytes).equals(bytes.subarray(4990))).toBe(true);
    const last = await range('bytes=-10');
    expect(last.headers.get('content-range')).toBe('bytes 4990-4999/5000');
    expect(Buffer.from(last.bytes).equals(bytes.subarray(4990))).toBe(true);
    const clipped = await range('bytes=4000-99999');
    expect(clipped.headers.get('content-range')).toBe('bytes 4000-4999/5000');

    const outside = await range('bytes=5000-5001');
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */5000');
    expect(CloudErrorSchema.parse(outside.json).code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('registers, lists, gets and deletes backups; deleting frees the quota', async () => {
    const full = await uploadBlob(randomBytes(4000));
    const manifest = Buffer.from('sealed manifest').toString('base64');
    const created = await cloud.call('POST', '/v1/backups', { token, json: { blobId: full, kind: 'full', parentId: null, manifest } });
    expect(created.status).toBe(201);
    const fullBackup = BackupSchema.parse(created.json);
    expect(fullBackup).toMatchObject({ blobId: full, kind: 'full', parentId: null, size: 4000 });

    const increment = await uploadBlob(randomBytes(500));
    const second = BackupSchema.parse(
      (await cloud.call('POST', '/v1/backups', { token, json: { blobId: increment, kind: 'incremental', parentId: fullBackup.backupId, manifest } })).json,
    );
    const list = BackupListResponseSchema.parse((await cloud.call('GET', '/v1/backups', { token })).json);
    expect(list.backups.map((b) => b.backupId)).toEqual([fullBackup.backupId, second.backupId]);
    expect(BackupSchema.parse((await cloud.call('GET', `/v1/backups/${second.backupId}`, { token })).json)).toEqual(second);

    // Wrong shapes and missing references.
    expect((await cloud.call('POST', '/v1/backups', { token, json: { blobId: full, kind: 'incremental', parentId: null, manifest } })).status).toBe(400);
    expect((await cloud.call('POST', '/v1/backups', { token, json: { blobId: 'nope', kind: 'full', parentId: null, manifest } })).status).toBe(404);
    // A blob a backup uses cannot be deleted on its own.
    const inUse = await cloud.call('DELETE', `/v1/blobs/${full}`, { token });
    expect(inUse.status).toBe(409);
    expect(CloudErrorSchema.parse(inUse.json).code).toBe('IN_USE');

    const before = PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token })).json);
    expect(before.usage.blobBytes).toBe(4500);
    expect((await cloud.call('DELETE', `/v1/backups/${fullBackup.backupId}`, { token })).status).toBe(204);
    const after = PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token })).json);
    expect(after.usage.blobBytes).toBe(500);
    expect((await cloud.call('GET', `/v1/blobs/${full}`, { token })).status).toBe(404);
    expect(existsSync(path.join(cloud.dataDir, 'blobs', 'blobs', accountId, full))).toBe(false);
    // The incremental backup stays, without its deleted parent.
    expect(BackupSchema.parse((await cloud.call('GET', `/v1/backups/${second.backupId}`, { token })).json).parentId).toBeNull();
    expect((await cloud.call('DELETE', `/v1/backups/${fullBackup.backupId}`, { token })).status).toBe(404);
  });

  it('deletes blobs and abandoned uploads, releasing what they held', async () => {
    const blobId = await uploadBlob(randomBytes(1000));
    expect((await cloud.call('DELETE', `/v1/blobs/${blobId}`, { token })).status).toBe(204);
    expect((await cloud.call('DELETE', `/v1/blobs/${blobId}`, { token })).status).toBe(404);
    const { uploadId } = await create(2000);
    await patch(uploadId, 0, randomBytes(100));
    expect((await cloud.call('DELETE', `/v1/uploads/${uploadId}`, { token })).status).toBe(204);
    expect((await cloud.call('GET', `/v1/uploads/${uploadId}`, { token })).status).toBe(404);
    const plan = PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token })).json);
    expect(plan.usage).toMatchObject({ blobBytes: 0, reservedBytes: 0, totalBytes: 0 });
  });

  it("does not show one account's uploads or blobs to another", async () => {
    const blobId = await uploadBlob(randomBytes(100));
    const other = await cloud.signUp();
    expect((await cloud.call('GET', `/v1/blobs/${blobId}`, { token: other.token })).status).toBe(404);
    expect((await cloud.call('GET', `/v1/uploads/${blobId}`, { token: other.token })).status).toBe(404);
    expect((await cloud.call('PATCH', `/v1/uploads/${blobId}`, { token: other.token, body: 'x', headers: { 'Upload-Offset': '0' } })).status).toBe(404);
  });
});
