import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import ffmpegStaticPath from 'ffmpeg-static';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';

/** The two programs the media pipeline runs. */
export interface FfmpegBinaries {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}

/** What the locator reads from its surroundings; a port so tests control every branch. */
export interface FfmpegLocatorDeps {
  /** `FFMPEG_BIN` / `FFPROBE_BIN` from the environment (or the app's settings). */
  readonly env: { readonly FFMPEG_BIN?: string | undefined; readonly FFPROBE_BIN?: string | undefined };
  /** `ffmpeg-static`'s exported path: it names a file that exists only if its install downloaded one. */
  readonly staticFfmpegPath: string | null;
  readonly fileExists: (file: string) => boolean;
  /** Whether `<binary> -version` starts and exits 0. */
  readonly canRun: (binary: string) => Promise<boolean>;
}

/** Finds working binaries once; later calls return the same answer (or the same error). */
export interface FfmpegLocator {
  locate(): Promise<FfmpegBinaries>;
}

function unique(list: readonly (string | undefined | null)[]): string[] {
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s.length > 0))];
}

async function firstRunnable(candidates: readonly string[], canRun: (b: string) => Promise<boolean>): Promise<string | null> {
  for (const candidate of candidates) if (await canRun(candidate)) return candidate;
  return null;
}

function missing(program: string, tried: readonly string[]): AppError {
  return new AppError(
    ErrorCode.FFMPEG_MISSING,
    `Nova Studio could not run ${program}, which it needs to make videos. Tried: ${tried.join(', ')}. ` +
      `Install ffmpeg (for example "apt install ffmpeg" or from ffmpeg.org) or set FFMPEG_BIN to its path.`,
  );
}

/**
 * Order: `FFMPEG_BIN`; then the `ffmpeg-static` binary if its file exists; then `ffmpeg` on
 * PATH. ffprobe: `FFPROBE_BIN`; then the `ffprobe` beside the chosen ffmpeg; then PATH. Each is
 * checked once with `-version`, so a broken setting surfaces as one clear error, not per render.
 */
export function createFfmpegLocator(deps: FfmpegLocatorDeps): FfmpegLocator {
  let found: Promise<FfmpegBinaries> | undefined;

  const search = async (): Promise<FfmpegBinaries> => {
    const staticPath = deps.staticFfmpegPath !== null && deps.fileExists(deps.staticFfmpegPath) ? deps.staticFfmpegPath : null;
    const ffmpegCandidates = unique([deps.env.FFMPEG_BIN, staticPath, 'ffmpeg']);
    const ffmpeg = await firstRunnable(ffmpegCandidates, deps.canRun);
    if (ffmpeg === null) throw missing('ffmpeg', ffmpegCandidates);
    const sibling = path.isAbsolute(ffmpeg) ? path.join(path.dirname(ffmpeg), path.basename(ffmpeg).replace(/ffmpeg/, 'ffprobe')) : null;
    const ffprobeCandidates = unique([
      deps.env.FFPROBE_BIN,
      sibling !== null && sibling !== ffmpeg && deps.fileExists(sibling) ? sibling : null,
      'ffprobe',
    ]);
    const ffprobe = await firstRunnable(ffprobeCandidates, deps.canRun);
    if (ffprobe === null) throw missing('ffprobe', ffprobeCandidates);
    return { ffmpeg, ffprobe };
  };

  return {
    locate() {
      found ??= search();
      return found;
    },
  };
}

/** Runs `<binary> -version` and reports whether it exited 0 within `timeoutMs`. */
export function canRunVersion(binary: string, timeoutMs = 10_000): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['-version'], { stdio: 'ignore', timeout: timeoutMs });
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
  });
}

/**
 * In the packaged app `ffmpeg-static` sits inside `app.asar`, where the OS cannot execute a
 * file; electron-builder.yml unpacks it beside the archive, in `app.asar.unpacked`.
 */
export function outsideAsar(binaryPath: string): string {
  return binaryPath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The real surroundings: the process environment, the `ffmpeg-static` package, the file system. */
export function defaultFfmpegLocatorDeps(env: NodeJS.ProcessEnv = process.env): FfmpegLocatorDeps {
  return { env, staticFfmpegPath: ffmpegStaticPath && outsideAsar(ffmpegStaticPath), fileExists: existsSync, canRun: (b) => canRunVersion(b) };
}
