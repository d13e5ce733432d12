/**
 * `npm run bench` (cloud storage part): the cloud endpoint under 50 concurrent clients on its
 * production storage — PostgreSQL 15 (fsync on) + S3 (s3rver stand-in) — next to SQLite + a
 * folder in the same run: batch puts of random ciphertext, feed pulls, and chunked blob uploads.
 * The server runs in its own process (`src/cloud/main.ts`, storage chosen by the environment,
 * as in production); PostgreSQL in its own cluster; s3rver and the clients here.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SessionResponseSchema } from '../src/shared/cloud/accounts';
import { BlobSchema, UploadStatusSchema } from '../src/shared/cloud/blobs';
import { FeedResponseSchema, PutRecordsResponseSchema } from '../src/shared/cloud/records';
import { callCloud } from '../src/cloud/testing/cloud-http';
import { startTestPostgres } from '../src/cloud/testing/postgres-cluster';
import { startTestS3 } from '../src/cloud/testing/s3-stand-in';
import { percentile } from './stats';

const CLIENTS = 50;
const BATCHES_PER_CLIENT = 10;
const RECORDS_PER_BATCH = 100;
const RECORD_BYTES = 512;
const FEED_PAGE = 500;
const UPLOAD_CLIENTS = 10;
const UPLOAD_BYTES = 12 * 1024 * 1024;
const UPLOAD_CHUNK = 2 * 1024 * 1024;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

async function startServer(dataDir: string, env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cloud/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      CLOUD_PORT: '0',
      CLOUD_DATA_DIR: dataDir,
      CLOUD_DEFAULT_TIER: 'team',
      CLOUD_RATE_LIMIT_SCALE: '100000',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`cloud exited (${code}): ${output}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Phase {
  name: string;
  latencies: number[];
  seconds: number;
  /** Records, or bytes for uploads. */
  units: number;
}

type Timer = (fn: () => Promise<number>) => Promise<void>;

/** Runs `perClient` for every client at once and times each request. */
async function phase(name: string, clients: number, perClient: (client: number, time: Timer) => Promise<void>): Promise<Phase> {
  const latencies: number[] = [];
  let units = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, (_, client) =>
      perClient(client, async (fn) => {
        const t = performance.now();
        const count = await fn();
        units += count;
        latencies.push(performance.now() - t);
      }),
    ),
  );
  return { name, latencies, seconds: (performance.now() - started) / 1000, units };
}

/** The workload against one running endpoint. */
async function workload(url: string): Promise<Phase[]> {
  const tokens = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const answer = await callCloud(url, 'POST', '/v1/accounts/sign-up', {
        json: { email: `bench-${i}@example.com`, password: 'benchmark password', device: { id: `d${i}`, name: 'bmFtZQ==' } },
      });
      return SessionResponseSchema.parse(answer.json).token;
    }),
  );
  const puts = await phase(`POST /v1/records (${RECORDS_PER_BATCH}/batch)`, CLIENTS, async (client, time) => {
    for (let batch = 0; batch < BATCHES_PER_CLIENT; batch += 1) {
      const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ id: `c${client}-b${batch}-r${i}`, version: 1, ciphertext: randomBytes(RECORD_BYTES).toString('base64') }));
      await time(async () => {
        const body = PutRecordsResponseSchema.parse((await callCloud(url, 'POST', '/v1/records', { token: tokens[client], json: { records } })).json);
        return body.results.filter((result) => result.status === 'accepted').length;
      });
    }
  });
  const pulls = await phase(`GET /v1/feed (${FEED_PAGE}/page)`, CLIENTS, async (client, time) => {
    let after = 0;
    let done = false;
    while (!done) {
      await time(async () => {
        const page = FeedResponseSchema.parse((await callCloud(url, 'GET', `/v1/feed?after=${after}&limit=${FEED_PAGE}`, { token: tokens[client] })).json);
        after = page.entries.at(-1)?.seq ?? after;
        done = after >= page.head.seq;
        return page.entries.length;
      });
    }
  });
  const bytes = randomBytes(UPLOAD_BYTES);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const uploads = await phase(`PATCH /v1/uploads (${UPLOAD_CHUNK / 1024 / 1024} MiB chunks)`, UPLOAD_CLIENTS, async (client, time) => {
    const token = tokens[client];
    const { uploadId } = UploadStatusSchema.parse((await callCloud(url, 'POST', '/v1/uploads', { token, json: { size: UPLOAD_BYTES } })).json);
    for (let offset = 0; offset < UPLOAD_BYTES; offset += UPLOAD_CHUNK) {
      await time(async () => {
        const answer = await callCloud(url, 'PATCH', `/v1/uploads/${uploadId}`, {
          token,
          body: bytes.subarray(offset, offset + UPLOAD_CHUNK),
          headers: { 'Upload-Offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        });
        if (answer.status !== 204) throw new Error(`chunk refused: ${answer.status}`);
        return Math.min(UPLOAD_CHUNK, UPLOAD_BYTES - offset);
      });
    }
    const blob = BlobSchema.parse((await callCloud(url, 'POST', `/v1/uploads/${uploadId}/complete`, { token, json: { sha256 } })).json);
    if (blob.sha256 !== sha256) throw new Error('upload corrupted');
  });
  const expected = CLIENTS * BATCHES_PER_CLIENT * RECORDS_PER_BATCH;
  if (puts.units !== expected || pulls.units !== expected) throw new Error(`records lost: put ${puts.units}, pulled ${pulls.units} of ${expected}`);
  return [puts, pulls, uploads];
}

async function main(): Promise<void> {
  const [postgres, s3] = await Promise.all([startTestPostgres({ durable: true }), startTestS3()]);
  const dirs: string[] = [];
  const results: Array<{ storage: string; phases: Phase[] }> = [];
  try {
    const configurations: Array<{ storage: string; env: () => Promise<Record<string, string>> }> = [
      { storage: 'SQLite + folder', env: async () => ({}) },
      {
        storage: 'PostgreSQL + S3',
        env: async () => ({
          DATABASE_URL: await postgres.createDatabase(),
          DATABASE_POOL_SIZE: '20',
          S3_BUCKET: s3.bucket,
          S3_ENDPOINT: s3.endpoint,
          S3_ACCESS_KEY_ID: s3.accessKeyId,
          S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        }),
      },
    ];
    for (const configuration of configurations) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-cloud-bench-'));
      dirs.push(dataDir);
      const server = await startServer(dataDir, await configuration.env());
      try {
        results.push({ storage: configuration.storage, phases: await workload(server.url) });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await Promise.all([postgres.stop(), s3.stop()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\ncloud endpoint storage, ${CLIENTS} concurrent clients (${UPLOAD_CLIENTS} for uploads), ${RECORD_BYTES}-byte random ciphertexts; PostgreSQL 15 with fsync, S3 = s3rver on this machine`);
  const header = `${'storage'.padEnd(18)}${'operation'.padEnd(32)}${['requests', 'req/s', 'records/s', 'MB/s', 'p50 ms', 'p95 ms'].map((h) => h.padStart(11)).join('')}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const { storage, phases } of results) {
    phases.forEach((row, index) => {
      const isUpload = index === 2;
      const rate = row.units / row.seconds;
      console.log(
        `${storage.padEnd(18)}${row.name.padEnd(32)}${String(row.latencies.length).padStart(11)}${(row.latencies.length / row.seconds).toFixed(0).padStart(11)}${(isUpload ? '-' : rate.toFixed(0)).padStart(11)}${(isUpload ? (rate / 1e6).toFixed(1) : '-').padStart(11)}${percentile(row.latencies, 50).toFixed(1).padStart(11)}${percentile(row.latencies, 95).toFixed(1).padStart(11)}`,
      );
    });
  }
}

await main();
