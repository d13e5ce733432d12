import { spawn, type ChildProcess } from 'node:child_process';
import { E2E_CLOUD_PORT } from './e2e.constants';

/**
 * The cloud endpoint as `npm run cloud` runs it (`src/cloud/main.ts`: SQLite + a blob folder),
 * in its own process on 127.0.0.1, on a data folder that outlives a stop: a flow stops it (the
 * devices go offline) and starts it again on the same data (the server is back).
 */
export function createCloudProcess(dataDir: string, port: number = E2E_CLOUD_PORT) {
  let server: ChildProcess | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Starts the endpoint; resolves once it listens. New accounts get the team plan (sync works without Stripe). */
    async start(): Promise<void> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cloud/main.ts'], {
        env: { ...process.env, CLOUD_PORT: String(port), CLOUD_HOST: '127.0.0.1', CLOUD_DATA_DIR: dataDir, CLOUD_DEFAULT_TIER: 'team' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          output += String(chunk);
          if (output.includes('nova cloud endpoint listening')) resolve();
        });
        child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
        child.once('exit', (code) => reject(new Error(`the cloud endpoint exited (${code}) before listening:\n${output}`)));
      });
    },
    /** Stops the endpoint (SIGTERM: it closes in order); resolves once it has exited. */
    async stop(): Promise<void> {
      const child = server;
      server = null;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
