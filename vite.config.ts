import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import electron, { type ElectronOptions } from 'vite-plugin-electron';

type StartupFn = Parameters<NonNullable<ElectronOptions['onstart']>>[0]['startup'];

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const repoRoot = fromRoot('./');
const rendererRoot = fromRoot('./src/renderer');
const rendererOutDir = fromRoot('./dist/renderer');
const electronOutDir = fromRoot('./dist-electron');

/**
 * One config builds the renderer for both shells. `--mode web` builds only the renderer (the
 * browser mode and the e2e tests serve it); the default mode adds the Electron main and preload.
 * Vitest (mode `test`) never needs the Electron builds.
 */
export default defineConfig(({ mode }) => {
  const withElectron = mode !== 'web' && mode !== 'test' && !process.env['VITEST'];
  return {
    root: rendererRoot,
    base: './',
    plugins: [react(), ...(withElectron ? electronShell() : [])],
    build: {
      outDir: rendererOutDir,
      emptyOutDir: true,
      // The browser mode serves this folder over HTTP: no maps there (they would hand out the
      // source). The desktop app loads it from its own package, where maps help its dev tools.
      sourcemap: mode !== 'web',
      target: 'es2022',
    },
  };
});

/**
 * The main process (ESM, `dist-electron/main.js`, with its workers `measure.worker.js`,
 * `ann-index.worker.js` and `piper.worker.js`) and the
 * preload (`dist-electron/preload.cjs`).
 * The main process keeps every package.json dependency external: native modules (better-sqlite3,
 * sqlite-vec) cannot be bundled, and electron-builder ships `dependencies` in node_modules anyway.
 * The preload is sandboxed, so it is one self-contained CommonJS file that requires only `electron`.
 */
function electronShell(): Plugin[] {
  const dependencies = Object.keys(readPackageJson().dependencies ?? {});
  const isDependency = (id: string) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));
  // The plugin would start Electron in the Vite root (src/renderer); the app is the repo root.
  // Chromium's sandbox helper is not set up inside node_modules on Linux, hence --no-sandbox there (dev only).
  const argv = [repoRoot, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])];
  let started = false;
  const launch = async (startup: StartupFn) => {
    started = true;
    await startup(argv, { cwd: repoRoot });
  };
  return electron([
    {
      entry: fromRoot('./src/main/index.ts'),
      onstart: ({ startup }) => launch(startup),
      vite: electronBundle({
        // Electron 39 runs Node 22.
        target: 'node22',
        // The workers (manuscript/measure.worker.ts, memory's ann-index.worker.ts, media's piper.worker.ts) are more entries, found beside main.js at run time.
        lib: {
          entry: {
            main: fromRoot('./src/main/index.ts'),
            'measure.worker': fromRoot('./src/main/core/manuscript/measure.worker.ts'),
            'ann-index.worker': fromRoot('./src/main/core/memory/vector-store/ann-index.worker.ts'),
            'piper.worker': fromRoot('./src/main/core/media/tts/piper/piper.worker.ts'),
          },
          formats: ['es'],
          fileName: (_format, entryName) => `${entryName}.js`,
        },
        rolldownOptions: { external: isDependency },
      }),
    },
    {
      // A rebuilt preload only needs the window reloaded, once the app is running.
      onstart: ({ reload, startup }) => (started ? reload() : launch(startup)),
      vite: electronBundle({
        target: 'chrome142',
        rolldownOptions: {
          input: { preload: fromRoot('./src/preload/index.ts') },
          platform: 'node',
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      }),
    },
  ]);
}

type ElectronViteConfig = NonNullable<ElectronOptions['vite']>;

/** The Vite config of one Electron bundle: both go to dist-electron, side by side, and differ only in `build`. */
function electronBundle(build: Pick<NonNullable<ElectronViteConfig['build']>, 'target' | 'lib' | 'rolldownOptions'>): ElectronViteConfig {
  return {
    root: repoRoot,
    configFile: false,
    publicDir: false,
    build: { outDir: electronOutDir, emptyOutDir: false, sourcemap: true, ...build },
  };
}

function readPackageJson(): { dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(fromRoot('./package.json'), 'utf8')) as { dependencies?: Record<string, string> };
}
