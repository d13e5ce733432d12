/**
 * `npm run bench` (cloud part): the cloud endpoint on its SQLite + folder adapter under 50
 * concurrent clients — batch puts of random ciphertext and feed pulls — beside a bare `/healthz`
 * ping measured in the same run, so the cost of the record paths shows as a ratio to the
 * HTTP stack itself. The server runs in its own process (as in production), the clients here.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SessionResponseSchema } from '../src/shared/cloud/accounts';
import { FeedResponseSchema, PutRecordsResponseSchema } from '../src/shared/cloud/records';
import { callCloud } from '../src/cloud/testing/cloud-http';
import { percentile } from './stats';

const CLIENTS = 50;
const PINGS_PER_CLIENT = 200;
const BATCHES_PER_CLIENT = 10;
const RECORDS_PER_BATCH = 100;
const RECORD_BYTES = 512;
const FEED_PAGE = 500;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

async function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cloud/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, CLOUD_PORT: '0', CLOUD_DATA_DIR: dataDir, CLOUD_DEFAULT_TIER: 'team', CLOUD_RATE_LIMIT_SCALE: '100000' },
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
  requests: number;
  records: number;
}

/** Runs `perClient` for every client at once and times each request. */
async function phase(name: string, tokens: readonly string[], perClient: (token: string, client: number, time: (fn: () => Promise<number>) => Promise<void>) => Promise<void>): Promise<Phase> {
  const latencies: number[] = [];
  let records = 0;
  const started = performance.now();
  await Promise.all(
    tokens.map((token, client) =>
      perClient(token, client, async (fn) => {
        const t = performance.now();
        const count = await fn();
        records += count;
        latencies.push(performance.now() - t);
      }),
    ),
  );
  return { name, latencies, seconds: (performance.now() - started) / 1000, requests: latencies.length, records };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-cloud-bench-'));
  const server = await startServer(dataDir);
  try {
    const tokens = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const answer = await callCloud(server.url, 'POST', '/v1/accounts/sign-up', {
          json: { email: `bench-${i}@example.com`, password: 'benchmark password', device: { id: `d${i}`, name: 'bmFtZQ==' } },
        });
        return SessionResponseSchema.parse(answer.json).token;
      }),
    );

    const ping = await phase('GET /healthz (baseline)', tokens, async (_token, _client, time) => {
      for (let i = 0; i < PINGS_PER_CLIENT; i += 1) {
        await time(async () => {
          const answer = await callCloud(server.url, 'GET', '/healthz');
          if (answer.status !== 200) throw new Error(`healthz ${answer.status}`);
          return 0;
        });
      }
    });

    const puts = await phase(`POST /v1/records (${RECORDS_PER_BATCH}/batch)`, tokens, async (token, client, time) => {
      for (let batch = 0; batch < BATCHES_PER_CLIENT; batch += 1) {
        const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
          id: `c${client}-b${batch}-r${i}`,
          version: 1,
          ciphertext: randomBytes(RECORD_BYTES).toString('base64'),
        }));
        await time(async () => {
          const answer = await callCloud(server.url, 'POST', '/v1/records', { token, json: { records } });
          const body = PutRecordsResponseSchema.parse(answer.json);
          return body.results.filter((result) => result.status === 'accepted').length;
        });
      }
    });

    const pulls = await phase(`GET /v1/feed (${FEED_PAGE}/page)`, tokens, async (token, _client, time) => {
      let after = 0;
      for (;;) {
        let done = false;
        await time(async () => {
          const answer = await callCloud(server.url, 'GET', `/v1/feed?after=${after}&limit=${FEED_PAGE}`, { token });
          const page = FeedResponseSchema.parse(answer.json);
          after = page.entries.at(-1)?.seq ?? after;
          done = after >= page.head.seq;
          return page.entries.length;
        });
        if (done) break;
      }
    });

    const pingP50 = percentile(ping.latencies, 50);
    console.log(`\ncloud endpoint, SQLite + folder adapter, ${CLIENTS} concurrent clients, ${RECORD_BYTES}-byte random ciphertexts`);
    const header = `${'operation'.padEnd(34)}${['requests', 'req/s', 'records/s', 'p50 ms', 'p95 ms', 'p50/ping'].map((h) => h.padStart(11)).join('')}`;
    console.log(header);
    console.log('-'.repeat(header.length));
    for (const row of [ping, puts, pulls]) {
      const p50 = percentile(row.latencies, 50);
      console.log(
        `${row.name.padEnd(34)}${String(row.requests).padStart(11)}${(row.requests / row.seconds).toFixed(0).padStart(11)}${(row === ping ? '-' : (row.records / row.seconds).toFixed(0)).padStart(11)}${p50.toFixed(1).padStart(11)}${percentile(row.latencies, 95).toFixed(1).padStart(11)}${`${(p50 / pingP50).toFixed(1)}x`.padStart(11)}`,
      );
    }
    if (puts.records !== CLIENTS * BATCHES_PER_CLIENT * RECORDS_PER_BATCH || pulls.records !== puts.records) {
      throw new Error(`records lost: put ${puts.records}, pulled ${pulls.records}`);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
