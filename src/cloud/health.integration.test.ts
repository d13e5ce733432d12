import { createHash, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudErrorSchema } from '../shared/cloud/errors';
import { scanStoredBytes } from './testing/canary-scan';
import { startTestCloud, type TestCloud } from './testing/cloud-test-server';

describe('cloud health, metrics and the canary scan', () => {
  let cloud: TestCloud;
  let token: string;
  beforeEach(async () => {
    cloud = await startTestCloud();
    ({ token } = await cloud.signUp());
  });
  afterEach(async () => {
    await cloud.dispose();
  });

  it('answers /healthz while both stores work, and 503 when the blob folder cannot be written', async () => {
    const ok = await cloud.call('GET', '/healthz');
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ status: 'ok' });
    const blobRoot = path.join(cloud.dataDir, 'blobs');
    rmSync(blobRoot, { recursive: true, force: true });
    writeFileSync(blobRoot, 'a file where the folder should be');
    const broken = await cloud.call('GET', '/healthz');
    expect(broken.status).toBe(503);
    expect(CloudErrorSchema.parse(broken.json).code).toBe('STORAGE_UNAVAILABLE');
  });

  it('exposes requests by route pattern and status, a latency histogram and bytes stored', async () => {
    const ciphertext = Buffer.from(randomBytes(100)).toString('base64');
    await cloud.call('POST', '/v1/records', { token, json: { records: [{ id: 'a', version: 1, ciphertext }] } });
    await cloud.call('POST', '/v1/records', { token, json: { records: [{ id: 'b', version: 1, ciphertext }] } });
    await cloud.call('GET', '/v1/blobs/missing-blob', { token });
    const metrics = await cloud.call('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = Buffer.from(metrics.bytes).toString('utf8');
    expect(text).toContain('nova_cloud_requests_total{method="POST",route="/v1/records",status="200"} 2');
    expect(text).toContain('nova_cloud_requests_total{method="POST",route="/v1/accounts/sign-up",status="201"} 1');
    // Ids never become labels.
    expect(text).toContain('nova_cloud_requests_total{method="GET",route="/v1/blobs/:blobId",status="404"} 1');
    expect(text).toContain('nova_cloud_request_duration_seconds_bucket{method="POST",route="/v1/records",le="+Inf"} 2');
    expect(text).toContain('nova_cloud_request_duration_seconds_count{method="POST",route="/v1/records"} 2');
    expect(text).toMatch(/^nova_cloud_stored_bytes 200$/m);
  });

  it('finds a planted string in every place the server keeps bytes, and nothing that was never sent', async () => {
    const inRecord = `CANARY-record-${randomBytes(6).toString('hex')}`;
    const inBlob = `CANARY-blob-${randomBytes(6).toString('hex')}`;
    const neverSent = `CANARY-absent-${randomBytes(6).toString('hex')}`;
    await cloud.call('POST', '/v1/records', { token, json: { records: [{ id: 'r', version: 1, ciphertext: Buffer.from(inRecord).toString('base64') }] } });
    const blob = Buffer.concat([randomBytes(50), Buffer.from(inBlob, 'utf16le'), randomBytes(50)]);
    const created = (await cloud.call('POST', '/v1/uploads', { token, json: { size: blob.length } })).json as { uploadId: string };
    await cloud.call('PATCH', `/v1/uploads/${created.uploadId}`, { token, body: blob, headers: { 'Upload-Offset': '0' } });
    await cloud.call('POST', `/v1/uploads/${created.uploadId}/complete`, { token, json: { sha256: createHash('sha256').update(blob).digest('hex') } });

    const hits = scanStoredBytes(cloud.dataDir, [inRecord, inBlob, neverSent]);
    expect(hits.some((hit) => hit.needle === inRecord && hit.file.startsWith('metadata.sqlite'))).toBe(true);
    expect(hits.some((hit) => hit.needle === inBlob && hit.encoding === 'utf16le' && hit.file.startsWith(path.join('blobs', 'blobs')))).toBe(true);
    expect(hits.filter((hit) => hit.needle === neverSent)).toEqual([]);
  });
});
