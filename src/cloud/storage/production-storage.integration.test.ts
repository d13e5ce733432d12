import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponseSchema } from '../../shared/cloud/accounts';
import { BlobSchema, UploadStatusSchema } from '../../shared/cloud/blobs';
import { FeedResponseSchema, PutRecordsResponseSchema } from '../../shared/cloud/records';
import { createArgon2idHasher, MINIMUM_COST } from '../auth/passwords';
import { createManualClock } from '../platform/clock';
import { startCloudServer, type RunningCloud } from '../server';
import { callCloud, type CallOptions } from '../testing/cloud-http';
import { memoryLogger, testConfig } from '../testing/cloud-test-server';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-cluster';
import { startTestS3, type TestS3 } from '../testing/s3-stand-in';
import { openConfiguredStorage, type ConfiguredStorage } from './configured-storage';
import { loadStorageConfig } from './storage-config';

const MiB = 1024 * 1024;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('the endpoint on PostgreSQL + S3, chosen by the environment', () => {
  let postgres: TestPostgres;
  let s3: TestS3;
  let dataDir: string;
  let storage: ConfiguredStorage;
  let cloud: RunningCloud;
  const call = (method: string, route: string, options?: CallOptions) => callCloud(cloud.url, method, route, options);

  beforeAll(async () => {
    [postgres, s3] = await Promise.all([startTestPostgres(), startTestS3()]);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'nova-cloud-prod-'));
    const env = {
      DATABASE_URL: await postgres.createDatabase(),
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_PART_BYTES: String(5 * MiB),
    };
    storage = await openConfiguredStorage(loadStorageConfig(env), dataDir, (error) => {
      throw error;
    });
    cloud = await startCloudServer({
      config: testConfig(dataDir),
      log: memoryLogger(),
      clock: createManualClock(),
      passwords: createArgon2idHasher(MINIMUM_COST),
      store: storage.store,
      blobs: storage.blobs,
    });
  });
  afterAll(async () => {
    storage?.stop();
    await cloud?.close();
    await Promise.all([postgres?.stop(), s3?.stop()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('opens PostgreSQL and S3, not the local adapters', () => {
    expect(storage.kind).toEqual({ metadata: 'postgres', blobs: 's3' });
  });

  it('signs up, pushes records, pulls the feed, uploads a blob in chunks and reads a range, and answers /healthz', async () => {
    const session = SessionResponseSchema.parse(
      (
        await call('POST', '/v1/accounts/sign-up', {
          json: { email: 'writer@example.com', password: 'a long enough passphrase', device: { id: 'laptop', name: Buffer.from('n').toString('base64') } },
        })
      ).json,
    );
    const token = session.token;
    const records = Array.from({ length: 20 }, (_, n) => ({ id: `r${n}`, version: 1, ciphertext: Buffer.from(`sealed ${n}`).toString('base64') }));
    const put = PutRecordsResponseSchema.parse((await call('POST', '/v1/records', { token, json: { records } })).json);
    expect(put.results.map((result) => result.status)).toEqual(Array(20).fill('accepted'));
    const feed = FeedResponseSchema.parse((await call('GET', '/v1/feed?after=5&limit=100', { token })).json);
    expect(feed.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 15 }, (_, n) => n + 6));

    const bytes = randomBytes(6 * MiB + 123);
    const { uploadId } = UploadStatusSchema.parse((await call('POST', '/v1/uploads', { token, json: { size: bytes.length } })).json);
    for (let offset = 0; offset < bytes.length; offset += MiB) {
      const answer = await call('PATCH', `/v1/uploads/${uploadId}`, {
        token,
        body: bytes.subarray(offset, offset + MiB),
        headers: { 'Upload-Offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      });
      expect(answer.status).toBe(204);
    }
    const blob = BlobSchema.parse((await call('POST', `/v1/uploads/${uploadId}/complete`, { token, json: { sha256: sha(bytes) } })).json);
    expect(blob).toMatchObject({ size: bytes.length, sha256: sha(bytes) });
    const range = await call('GET', `/v1/blobs/${blob.blobId}`, { token, headers: { range: `bytes=${5 * MiB - 10}-${5 * MiB + 9}` } });
    expect(range.status).toBe(206);
    expect(Buffer.from(range.bytes)).toEqual(bytes.subarray(5 * MiB - 10, 5 * MiB + 10));
    expect((await call('GET', '/healthz')).status).toBe(200);
  });
});
