import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL server for tests: fresh databases on demand, stopped (and its folder removed) at the end. */
export interface TestPostgres {
  /** Creates an empty database and returns its connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `NOVA_TEST_DATABASE_URL` (a superuser URL, e.g. a CI service) when set; otherwise a throwaway
 * cluster: `initdb` into a temporary folder and `pg_ctl start` on a free loopback port, run as
 * the `postgres` user when this process is root (initdb refuses root). `pg_ctl -w` returns once
 * the server accepts connections; a failed start (a port taken meanwhile) retries on another.
 */
export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const external = process.env.NOVA_TEST_DATABASE_URL;
  return external ? databasesOn(external, async () => undefined) : startCluster(options.durable ?? false);
}

async function startCluster(durable: boolean): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nova-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
  }
  const command = (tool: string, args: string[]): Promise<unknown> =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const data = path.join(dir, 'data');
  await command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    // Durability is off for tests (the cluster is thrown away; fsyncs would only slow them) and
    // on for benchmarks, which compare with SQLite's synchronous=FULL.
    const unsafe = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${unsafe}`;
    try {
      await command('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  const stopNow = (): void => {
    try {
      execFileSync(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), [
        ...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []),
        '-D',
        data,
        '-m',
        'immediate',
        'stop',
      ]);
    } catch {
      // Already stopped.
    }
  };
  // A test process that dies without its afterAll still takes its server down.
  process.once('exit', stopNow);
  return databasesOn(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
    process.removeListener('exit', stopNow);
    await command('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    await rm(dir, { recursive: true, force: true });
  });
}

function databasesOn(adminUrl: string, shutdown: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `nova_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await admin(async (client) => {
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).catch(() => undefined);
      await shutdown();
    },
  };
}

/** `NOVA_PG_BIN`, else the newest `/usr/lib/postgresql/<version>/bin` (Debian's layout). */
function postgresBinDir(): string {
  if (process.env.NOVA_PG_BIN) return process.env.NOVA_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set NOVA_PG_BIN or NOVA_TEST_DATABASE_URL).');
  return path.join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
