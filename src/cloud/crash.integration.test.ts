import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionResponseSchema } from '../shared/cloud/accounts';
import { BlobSchema, UploadStatusSchema } from '../shared/cloud/blobs';
import { callCloud } from './testing/cloud-http';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const MIB = 1024 * 1024;

interface Child {
  process: ChildProcess;
  url: string;
}

/** Starts `src/cloud/main.ts` as its own process (node + tsx, no wrapper, so SIGKILL hits the server itself). */
function startChild(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cloud/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, CLOUD_PORT: '0', CLOUD_DATA_DIR: dataDir, CLOUD_DEFAULT_TIER: 'team' },
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

/** Polls a condition (the file system) until it holds; the condition, not a delay, decides. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function partialChunkOnDisk(uploadDir: string): boolean {
  try {
    return readdirSync(uploadDir).some((name) => name.endsWith('.tmp') && statSync(path.join(uploadDir, name)).size > 0);
  } catch (_error) {
    return false;
  }
}

describe('cloud endpoint killed mid-upload', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-cloud-crash-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a resumable upload through SIGKILL and completes to the right blob after a restart', async () => {
    const bytes = randomBytes(3 * MIB);
    const first = await startChild(dataDir);
    children.push(first.process);
    const signUp = await callCloud(first.url, 'POST', '/v1/accounts/sign-up', {
      json: { email: 'crash@example.com', password: 'survives a crash', device: { id: 'laptop', name: 'bmFtZQ==' } },
    });
    const session = SessionResponseSchema.parse(signUp.json);
    const token = session.token;
    const { uploadId } = UploadStatusSchema.parse((await callCloud(first.url, 'POST', '/v1/uploads', { token, json: { size: bytes.length } })).json);
    const patch = (url: string, offset: number, chunk: Uint8Array) =>
      callCloud(url, 'PATCH', `/v1/uploads/${uploadId}`, { token, body: chunk, headers: { 'Upload-Offset': String(offset) } });
    expect((await patch(first.url, 0, bytes.subarray(0, MIB))).status).toBe(204);

    // The second chunk is half sent when the server dies.
    const target = new URL(`/v1/uploads/${uploadId}`, first.url);
    const hanging = request(target, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'Upload-Offset': String(MIB), 'content-length': String(MIB) },
    });
    hanging.on('error', () => undefined);
    hanging.write(bytes.subarray(MIB, MIB + MIB / 2));
    const uploadDir = path.join(dataDir, 'blobs', 'uploads', session.accountId, uploadId);
    await waitFor(() => partialChunkOnDisk(uploadDir), 'the half chunk to reach the disk');
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;
    hanging.destroy();

    const second = await startChild(dataDir);
    children.push(second.process);
    // Only whole chunks count: the client resumes at the end of the first.
    const head = await callCloud(second.url, 'HEAD', `/v1/uploads/${uploadId}`, { token });
    expect(head.headers.get('upload-offset')).toBe(String(MIB));
    expect((await patch(second.url, MIB, bytes.subarray(MIB, 2 * MIB))).headers.get('upload-offset')).toBe(String(2 * MIB));
    expect((await patch(second.url, 2 * MIB, bytes.subarray(2 * MIB))).status).toBe(204);
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
