import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface CoreProcess {
  process: ChildProcess;
  /** Everything it printed so far (standard output and error). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string | null>;
}

/**
 * Spawns `src/main/web.ts` as `npm run web` does, on `dataDir`, serving a stub renderer from
 * `workDir`, on a free port. Does not wait: see {@link waitForUrl}.
 */
export function spawnCoreProcess(options: { dataDir: string; workDir: string; token: string }): CoreProcess {
  const renderer = path.join(options.workDir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/web.ts', '--data', options.dataDir, '--port', '0', '--renderer', renderer], {
    cwd: repoRoot,
    env: { ...process.env, NOVA_WEB_TOKEN: options.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { process: child, output: () => output, exited };
}

/** Waits until the process prints the address to open; rejects if it exits first. */
export async function waitForUrl(core: CoreProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core did not start:\n${core.output()}`)), 30_000);
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(core.output());
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    core.process.stdout?.on('data', check);
    void core.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`core exited early (${String(code)}):\n${core.output()}`));
    });
    check();
  });
}
