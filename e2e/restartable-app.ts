import { spawn, type ChildProcess } from 'node:child_process';
import { E2E_RESTART_PORT, E2E_TOKEN } from './e2e.constants';

/** The address of the app a flow starts itself (see {@link createRestartableApp}). */
export const RESTARTABLE_APP_URL = `http://127.0.0.1:${E2E_RESTART_PORT}/?token=${E2E_TOKEN}`;

/**
 * A browser mode with fake providers (`scripts/web-fake-ai.ts`) that a flow starts, stops and
 * starts again on one data folder: to play an app update, or a crash (SIGKILL) and a restart.
 * `port` puts a second one beside it (two devices); its page opens at `url`.
 */
export function createRestartableApp(dataDir: string, port: number = E2E_RESTART_PORT) {
  let server: ChildProcess | null = null;
  return {
    /** The app's address with the launch token. */
    url: `http://127.0.0.1:${port}/?token=${E2E_TOKEN}`,
    /** Starts the app with extra `web-fake-ai.ts` arguments; resolves once it serves. */
    async start(extraArgs: readonly string[] = []): Promise<void> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/web-fake-ai.ts', '--data', dataDir, '--port', String(port), ...extraArgs], {
        env: { ...process.env, NOVA_WEB_TOKEN: E2E_TOKEN },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += String(chunk);
          if (output.includes('is running')) resolve();
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
        child.once('exit', (code) => reject(new Error(`the app exited (${code}) before serving:\n${output}`)));
      });
    },
    /** Stops the app: SIGTERM shuts it down in order, SIGKILL is a crash. Resolves once it has exited. */
    async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
      const child = server;
      server = null;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}
