import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { canRunVersion, createFfmpegLocator, outsideAsar, type FfmpegLocatorDeps } from './ffmpeg-locator';

function deps(overrides: Partial<FfmpegLocatorDeps> & { runnable: string[]; files?: string[] }): { deps: FfmpegLocatorDeps; tried: string[] } {
  const tried: string[] = [];
  const files = new Set(overrides.files ?? []);
  return {
    tried,
    deps: {
      env: overrides.env ?? {},
      staticFfmpegPath: overrides.staticFfmpegPath ?? null,
      fileExists: (f) => files.has(f),
      canRun: async (b) => {
        tried.push(b);
        return overrides.runnable.includes(b);
      },
    },
  };
}

describe('createFfmpegLocator', () => {
  it('prefers FFMPEG_BIN and FFPROBE_BIN', async () => {
    const { deps: d } = deps({ env: { FFMPEG_BIN: '/opt/ff/ffmpeg', FFPROBE_BIN: '/opt/ff/probe' }, runnable: ['/opt/ff/ffmpeg', '/opt/ff/probe', 'ffmpeg', 'ffprobe'] });
    expect(await createFfmpegLocator(d).locate()).toEqual({ ffmpeg: '/opt/ff/ffmpeg', ffprobe: '/opt/ff/probe' });
  });

  it('uses ffmpeg-static when its file exists, with the ffprobe beside it if there is one', async () => {
    const { deps: d } = deps({ staticFfmpegPath: '/app/ffmpeg', files: ['/app/ffmpeg', '/app/ffprobe'], runnable: ['/app/ffmpeg', '/app/ffprobe', 'ffmpeg'] });
    expect(await createFfmpegLocator(d).locate()).toEqual({ ffmpeg: '/app/ffmpeg', ffprobe: '/app/ffprobe' });
  });

  it('skips a missing ffmpeg-static file and a FFMPEG_BIN that does not run, falling back to PATH', async () => {
    const { deps: d, tried } = deps({ env: { FFMPEG_BIN: '/broken/ffmpeg' }, staticFfmpegPath: '/app/ffmpeg', runnable: ['ffmpeg', 'ffprobe'] });
    expect(await createFfmpegLocator(d).locate()).toEqual({ ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' });
    expect(tried).toEqual(['/broken/ffmpeg', 'ffmpeg', 'ffprobe']);
  });

  it('checks once: later calls reuse the answer', async () => {
    const { deps: d, tried } = deps({ runnable: ['ffmpeg', 'ffprobe'] });
    const locator = createFfmpegLocator(d);
    await locator.locate();
    await locator.locate();
    expect(tried).toEqual(['ffmpeg', 'ffprobe']);
  });

  it('fails with FFMPEG_MISSING naming the program and what was tried', async () => {
    const noFfmpeg = await createFfmpegLocator(deps({ runnable: [] }).deps).locate().catch((e: unknown) => e);
    expect(noFfmpeg).toBeInstanceOf(AppError);
    expect((noFfmpeg as AppError).code).toBe(ErrorCode.FFMPEG_MISSING);
    expect((noFfmpeg as AppError).message).toMatch(/could not run ffmpeg.*Tried: ffmpeg\. Install ffmpeg/);
    const noProbe = await createFfmpegLocator(deps({ runnable: ['ffmpeg'] }).deps).locate().catch((e: unknown) => e);
    expect((noProbe as AppError).message).toMatch(/could not run ffprobe.*Tried: ffprobe\./);
  });
});

describe('canRunVersion', () => {
  it('is true for the system ffmpeg and false for a program that does not exist', async () => {
    expect(await canRunVersion('ffmpeg')).toBe(true);
    expect(await canRunVersion('/nonexistent/ffmpeg')).toBe(false);
  });
});

describe('outsideAsar', () => {
  it('points a binary packed in app.asar at its unpacked copy, and leaves other paths alone', () => {
    expect(outsideAsar('/opt/Nova Studio/resources/app.asar/node_modules/ffmpeg-static/ffmpeg')).toBe(
      '/opt/Nova Studio/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(outsideAsar('C:\\Nova\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe')).toBe(
      'C:\\Nova\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe',
    );
    expect(outsideAsar('/repo/node_modules/ffmpeg-static/ffmpeg')).toBe('/repo/node_modules/ffmpeg-static/ffmpeg');
    expect(outsideAsar('/x/app.asar.unpacked/ffmpeg')).toBe('/x/app.asar.unpacked/ffmpeg');
  });
});
