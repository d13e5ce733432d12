import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeSources, makeTestImage, testVideo, TINY_RENDER } from '../../../testing/render-doubles';
import { createTestCore } from '../../../testing/test-core';
import { SEGMENT_CACHE_FOLDER } from './render.service';

const repoRoot = fileURLToPath(new URL('../../../../..', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Finished segments (inode and mtime) and how many are being drawn. */
function cacheOnDisk(dataDir: string): { finished: Map<string, string>; partial: number } {
  const dir = path.join(dataDir, SEGMENT_CACHE_FOLDER);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return { finished: new Map(), partial: 0 };
  }
  const finished = new Map<string, string>();
  for (const name of names.filter((n) => n.endsWith('.mp4') && !n.startsWith('.'))) {
    const info = statSync(path.join(dir, name));
    finished.set(name, `${info.ino}:${info.mtimeMs}`);
  }
  return { finished, partial: names.filter((n) => n.includes('.partial.')).length };
}

/** Runs the child and SIGKILLs it once two scenes are cached and the third is being drawn. */
async function killMidSegments(dataDir: string, fixture: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/testing/render-crash-child.ts', dataDir, fixture], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let early = false;
  void exited.then(() => (early = true));
  // Polls the cache folder: the condition is on disk, written by another process.
  for (;;) {
    if (early) throw new Error(`the child exited early:\n${output}`);
    const cache = cacheOnDisk(dataDir);
    if (cache.finished.size >= 2 && cache.partial > 0 && /^render \S+$/m.test(output)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  await exited;
  return /^render (\S+)$/m.exec(output)?.[1] ?? '';
}

describe('renders after a crash', () => {
  it('resume a render SIGKILLed mid-way at the next start, reusing the scenes it had finished, even drawing with more workers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-render-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const image = makeTestImage(path.join(dir, 'a.png'));
    const assetId = '6f1c1f8e-8f5e-4a51-9d8e-0a6c5f0f9e01';
    const video = testVideo('00000000-0000-4000-8000-000000000000', [
      { narration: 'The first scene.', image: { kind: 'asset', assetId } },
      { narration: 'The second scene.', caption: 'Two' },
      // Long enough to be mid-draw when the process is killed.
      { narration: '', durationHintSec: 24, image: { kind: 'asset', assetId } },
    ]);
    const fixture = path.join(dir, 'fixture.json');
    writeFileSync(fixture, JSON.stringify({ video, assets: { [assetId]: image } }));

    const renderId = await killMidSegments(dataDir, fixture);
    const atKill = cacheOnDisk(dataDir).finished;
    expect(atKill.size).toBe(2);

    const sources = createFakeSources();
    // Two workers where the killed run had one: the end (the long last scene) is cut into shorter
    // pieces for them (see splitForTheEnd), while the scenes before keep their pieces.
    const test = createTestCore({ dataDir, config: { media: { render: { ...TINY_RENDER, segmentConcurrency: 2 }, renderSources: sources } } });
    cleanups.push(() => test.core.close());
    const before = await test.call('media.renders.get', { id: renderId });
    expect(before.status).toBe('running');
    const job = await test.core.services.jobs.whenFinished(before.jobId ?? '');
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
    const render = await test.call('media.renders.get', { id: renderId });
    expect(render.status).toBe('done');
    const after = cacheOnDisk(dataDir);
    // The last scene in several pieces, drawn anew.
    expect(after.finished.size).toBeGreaterThan(3);
    expect(after.partial).toBe(0);
    // The two finished scenes were not drawn again: same files, untouched.
    for (const [name, state] of atKill) expect(after.finished.get(name), name).toBe(state);
    const info = await import('../ffmpeg/ffmpeg.service').then(({ createFfmpegService }) => createFfmpegService().probe(path.join(dataDir, 'media', 'renders', renderId, 'video.mp4')));
    expect(info.durationS).toBeCloseTo(render.durationSec ?? 0, 1);
    expect(readdirSync(path.join(dataDir, 'media', 'renders', renderId)).sort()).toEqual(['captions.srt', 'captions.vtt', 'thumbnail.jpg', 'video.mp4']);
  }, 120_000);
});
