import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponseSchema } from '../../shared/cloud/accounts';
import { BlobSchema, UploadStatusSchema } from '../../shared/cloud/blobs';
import { callCloud } from '../testing/cloud-http';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-cluster';
import { startTestS3, type TestS3 } from '../testing/s3-stand-in';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const MIB = 1024 * 1024;

/** Starts `src/cloud/main.ts` as its own process on PostgreSQL + S3 (SIGKILL hits the server itself). */
function startChild(dataDir: string, env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cloud/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, CLOUD_PORT: '0', CLOUD_DATA_DIR: dataDir, CLOUD_DEFAULT_TIER: 'team' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) resolve({ process: child, url: match[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => reject(new Error(`cloud exited (${code}) before listening: ${output}`)));
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function spooling(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => statSync(path.join(dir, name)).size > 0);
  } catch (_error) {
    return false;
  }
}

describe('the endpoint on PostgreSQL + S3 killed mid-upload', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-cloud-prod-crash-'));
  const children: ChildProcess[] = [];
  let postgres: TestPostgres;
  let s3: TestS3;
  let env: Record<string, string>;
  beforeAll(async () => {
    [postgres, s3] = await Promise.all([startTestPostgres(), startTestS3()]);
    env = {
      DATABASE_URL: await postgres.createDatabase(),
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_PART_BYTES: String(5 * MIB),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all([postgres?.stop(), s3?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL from the parts and pending chunks in S3, and completes to the right blob', async () => {
    const bytes = randomBytes(11 * MIB + 3);
    const first = await startChild(dataDir, env);
    children.push(first.process);
    const session = SessionResponseSchema.parse(
      (await callCloud(first.url, 'POST', '/v1/accounts/sign-up', { json: { email: 'crash@example.com', password: 'survives a crash', device: { id: 'laptop', name: 'bmFtZQ==' } } })).json,
    );
    const token = session.token;
    const { uploadId } = UploadStatusSchema.parse((await callCloud(first.url, 'POST', '/v1/uploads', { token, json: { size: bytes.length } })).json);
    const patch = (url: string, offset: number, chunk: Uint8Array) =>
      callCloud(url, 'PATCH', `/v1/uploads/${uploadId}`, { token, body: chunk, headers: { 'Upload-Offset': String(offset) } });
    // 2 MiB chunks: the third fills a 5 MiB part (6 MiB), the fourth waits as a pending object.
    for (let offset = 0; offset < 8 * MIB; offset += 2 * MIB) expect((await patch(first.url, offset, bytes.subarray(offset, offset + 2 * MIB))).status).toBe(204);

    // The fifth chunk is half sent when the server dies.
    const hanging = request(new URL(`/v1/uploads/${uploadId}`, first.url), {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'Upload-Offset': String(8 * MIB), 'content-length': String(2 * MIB) },
    });
    hanging.on('error', () => undefined);
    hanging.write(bytes.subarray(8 * MIB, 9 * MIB));
    await waitFor(() => spooling(path.join(dataDir, 's3-spool')), 'the half chunk to reach the spool');
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;
    hanging.destroy();

    const second = await startChild(dataDir, env);
    children.push(second.process);
    expect(spooling(path.join(dataDir, 's3-spool'))).toBe(false);
    const head = await callCloud(second.url, 'HEAD', `/v1/uploads/${uploadId}`, { token });
    expect(head.headers.get('upload-offset')).toBe(String(8 * MIB));
    expect((await patch(second.url, 8 * MIB, bytes.subarray(8 * MIB))).status).toBe(204);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const done = await callCloud(second.url, 'POST', `/v1/uploads/${uploadId}/complete`, { token, json: { sha256 } });
    expect(BlobSchema.parse(done.json)).toMatchObject({ size: bytes.length, sha256 });
    const download = await callCloud(second.url, 'GET', `/v1/blobs/${uploadId}`, { token });
    expect(createHash('sha256').update(download.bytes).digest('hex')).toBe(sha256);

    const stopped = new Promise((resolve) => second.process.once('exit', resolve));
    second.process.kill('SIGTERM');
    await stopped;
  });
});
