#!/usr/bin/env node
// Why this exists: better-sqlite3 is a native module compiled for one ABI at a time.
// `npm start` runs `electron-builder install-app-deps`, which rebuilds it for Electron's ABI;
// after that, plain Node (vitest, the browser mode, the benchmarks) can no longer load it and
// fails with a NODE_MODULE_VERSION mismatch. `npm test`, `npm run web` and `npm run bench` run
// this first: if the module does not load in this Node for that reason, rebuild it for this Node.
// When it loads, this exits silently.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function tryLoad() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (error) {
    return error;
  }
}

function isAbiMismatch(error) {
  const message = error instanceof Error ? error.message : String(error);
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|incompatible architecture/i.test(
    message,
  );
}

const error = tryLoad();
if (error === null) process.exit(0);

if (!isAbiMismatch(error)) {
  // Not an ABI problem (for example a missing install): let the real command report it.
  console.warn(`ensure-native: better-sqlite3 does not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  process.exit(0);
}

console.log(`ensure-native: better-sqlite3 was built for another runtime (Electron?); rebuilding it for Node ${process.versions.node}…`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rebuild = spawnSync(npm, ['rebuild', 'better-sqlite3'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
if (rebuild.status !== 0) {
  console.error('ensure-native: `npm rebuild better-sqlite3` failed; see the output above.');
  process.exit(rebuild.status ?? 1);
}

// Check in a fresh process: this one already failed to load the old binary.
const check = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(check.status ?? 1);
