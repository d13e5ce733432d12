import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/ipc/events';
import type { Render } from '../../../../shared/models/media';
import { projectCreateSchema } from '../../../../shared/models/project';
import { createFakeSources, makeTestImage, makeTestMusic, testVideo, TINY_RENDER } from '../../../testing/render-doubles';
import { createTestCore, type TestCore } from '../../../testing/test-core';
import { parseSrt } from '../captions';
import { createFfmpegService } from '../ffmpeg/ffmpeg.service';
import { composeTts } from '../tts';
import { layOutScenes, LEAD_SEC, TAIL_SEC } from './render-timeline';
import { SEGMENT_CACHE_FOLDER, type RenderOptions } from './render.service';

const ffmpeg = createFfmpegService();
const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

function setUp(render: RenderOptions = TINY_RENDER) {
  const sources = createFakeSources();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-render-'));
  const test = createTestCore({ dataDir, config: { media: { render, renderSources: sources } } });
  cores.push(test);
  const project = test.core.services.projects.create(projectCreateSchema.parse({ title: 'Renders' }));
  return { test, sources, projectId: project.id };
}

/** Waits for the render's job and returns the render as the handlers show it. */
async function finished(test: TestCore, render: Render): Promise<Render> {
  await test.core.services.jobs.whenFinished(render.jobId ?? '');
  return test.call('media.renders.get', { id: render.id });
}

/** The piece cache's files with their inode and modification time (a re-drawn piece changes both). */
async function cacheState(dataDir: string): Promise<Map<string, string>> {
  const dir = path.join(dataDir, SEGMENT_CACHE_FOLDER);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.mp4') && !n.startsWith('.'));
  const state = new Map<string, string>();
  for (const name of names) {
    const info = await stat(path.join(dir, name));
    state.set(name, `${info.ino}:${info.mtimeMs}`);
  }
  return state;
}

/**
 * The video stream's packet timestamps, in stream ticks, in presentation order, and the ticks of
 * one frame: the pieces joined by stream copy must play straight through, one frame after another.
 */
function videoTimestamps(file: string): { pts: number[]; tick: number } {
  const probe = (entries: string) => execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', entries, '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();
  const [num, den] = probe('stream=time_base').split('/').map(Number);
  const pts = probe('packet=pts').split('\n').map(Number).sort((a, b) => a - b);
  return { pts, tick: Math.round((den ?? 0) / (num ?? 1) / 30) };
}

/** Asserts the video has `frames` frames from 0, evenly spaced at 30 fps, with no gap or repeat. */
function expectContinuous(file: string, frames: number): void {
  const { pts, tick } = videoTimestamps(file);
  expect(pts).toHaveLength(frames);
  expect(pts[0]).toBe(0);
  expect(pts.map((p, i) => p - i * tick).filter((d) => d !== 0)).toEqual([]);
}

/** The MD5 of the decoded frame at a time (ffmpeg's framemd5). */
function frameMd5(file: string, atSec: number): string {
  const out = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-ss', String(atSec), '-i', file, '-map', '0:v', '-frames:v', '1', '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return out.trim().split('\n').at(-1)?.split(',').at(-1)?.trim() ?? '';
}

const TWO_SCENES = ['The road was long. It was made of salt.', 'Nobody walked it twice.'];

describe('renders on real ffmpeg and espeak-ng', () => {
  it('renders a narrated video with soft captions and music: length, size, streams, caption times, loudness, files', async () => {
    const { test, sources, projectId } = setUp();
    const image = sources.addAsset(makeTestImage(path.join(test.dataDir, 'a.png')), 'image');
    const music = sources.addAsset(makeTestMusic(path.join(test.dataDir, 'm.wav')), 'audio');
    const videoId = sources.addVideo(
      testVideo(
        projectId,
        [
          { narration: TWO_SCENES[0], caption: 'Salt', image: { kind: 'asset', assetId: image } },
          { narration: TWO_SCENES[1], image: { kind: 'title-card', text: '', background: '#223344' }, caption: 'Part two' },
        ],
        { music: { assetId: music, gainDb: -18 } },
      ),
    );
    const events: Render[] = [];
    test.core.events.subscribe((name, payload) => {
      if (name === 'render.changed') events.push(payload as EventPayload<'render.changed'>);
    });
    const started = await test.call('media.renders.start', { id: videoId });
    expect(started).toMatchObject({ status: 'queued', videoId, projectId, format: 'youtube-720p', title: 'The Salt Road', videoRevision: 1, files: null });
    const render = await finished(test, started);
    expect(render.error).toBeNull();
    expect(render).toMatchObject({ status: 'done', progress: 1, stage: null });
    expect(Object.keys(render.timings).sort()).toEqual(['assembly', 'audio', 'captions', 'narration', 'segments', 'thumbnail']);

    const dir = path.join(test.dataDir, 'media', 'renders', render.id);
    expect((await readdir(dir)).sort()).toEqual(['captions.srt', 'captions.vtt', 'thumbnail.jpg', 'video.mp4']);
    expect(render.files?.video).toMatchObject({ name: 'video.mp4', mimeType: 'video/mp4' });
    expect(render.files?.video.url).toMatch(new RegExp(`^/media-files/renders/${render.id}/video\\.mp4\\?v=.+&sig=.+$`));
    expect(render.files?.thumbnail?.name).toBe('thumbnail.jpg');
    const info = await ffmpeg.probe(path.join(dir, 'video.mp4'));
    expect(info.streams.find((s) => s.type === 'video')).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 30 });
    expect(info.streams.filter((s) => s.type === 'audio').map((s) => s.codec)).toEqual(['aac']);
    expect(info.streams.filter((s) => s.type === 'subtitle').map((s) => s.codec)).toEqual(['mov_text']);
    expect(info.durationS).toBeCloseTo(render.durationSec ?? 0, 1);
    // The scenes' pieces joined by stream copy play straight through: every frame, no gap.
    expectContinuous(path.join(dir, 'video.mp4'), Math.round((render.durationSec ?? 0) * 30));
    expect(render.loudness?.integratedLufs).toBeGreaterThanOrEqual(-15);
    expect(render.loudness?.integratedLufs).toBeLessThanOrEqual(-13);
    // Measured on the delivered file, after the AAC encode.
    expect(render.loudness?.truePeakDb).toBeLessThanOrEqual(-1);

    // The narration spoken on its own gives the same sentence times, placed on the scenes' timeline.
    const tts = composeTts({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'nova-render-tts-')), getOpenAIKey: async () => null });
    const spoken = [];
    for (const text of TWO_SCENES) spoken.push(await tts.narrator.narrate({ text, profiles: tts.profilesFor({ engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 }) }));
    const timeline = layOutScenes(spoken.map((n) => ({ narrationSec: n.durationSec, durationHintSec: null })), 30, 0.5);
    const expected = spoken.flatMap((n, i) => n.sentences.map((s) => ({ start: s.startSec + (timeline.slots[i]?.narrationStartSec ?? 0), end: s.endSec + (timeline.slots[i]?.narrationStartSec ?? 0), text: s.text })));
    const cues = parseSrt(await readFile(path.join(dir, 'captions.srt'), 'utf8'));
    expect(cues.map((c) => c.lines.join(' '))).toEqual(expected.map((e) => e.text));
    cues.forEach((cue, i) => {
      expect(cue.startSec).toBeCloseTo(expected[i]?.start ?? -1, 2);
      expect(cue.endSec).toBeCloseTo(expected[i]?.end ?? -1, 2);
    });
    // The length is the narration plus its air, to the frame.
    const narrated = spoken.reduce((sum, n) => sum + n.durationSec, 0);
    expect(render.durationSec).toBeCloseTo(timeline.durationSec, 5);
    expect(render.durationSec ?? 0).toBeGreaterThanOrEqual(narrated + 2 * (LEAD_SEC + TAIL_SEC));
    expect(render.durationSec ?? 0).toBeLessThanOrEqual(narrated + 2 * (LEAD_SEC + TAIL_SEC) + 2 / 30);

    // Events carried the whole render, never going backwards, ending done.
    const progress = events.filter((e) => e.id === render.id).map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ id: render.id, status: 'done' });
    expect(new Set(events.map((e) => e.stage)).size).toBeGreaterThanOrEqual(5);
    // The files part reads the render's files: its waveform and the export.
    const waveform = await test.call('media.renders.waveform', { id: render.id });
    expect(waveform.durationSec).toBeCloseTo(render.durationSec ?? 0, 1);
    const exported = await test.call('media.renders.export', { id: render.id, folder: path.join(test.dataDir, 'out') });
    expect(exported.files.map((f) => path.extname(f)).sort()).toEqual(['.jpg', '.mp4', '.srt', '.vtt']);
    const job = test.core.services.jobs.get(render.jobId ?? '');
    expect(job).toMatchObject({ kind: 'media.render', status: 'succeeded', title: 'Render “The Salt Road”', progress: { done: 1000, total: 1000 } });
    expect(render.notices).toEqual([]);
  }, 60_000);

  it('renders 9:16 with burned captions (no subtitle track), takes a silent scene’s length from its hint, and notes a fallback voice', async () => {
    const { test, sources, projectId } = setUp();
    const videoId = sources.addVideo(
      testVideo(projectId, [{ narration: 'A short one.', caption: 'Go' }, { narration: '', durationHintSec: 2, image: { kind: 'title-card', text: 'The end', background: '#000000' } }], {
        format: 'shorts-1080x1920',
        captions: 'burned',
        // No OpenAI key is stored: espeak-ng speaks instead, and the render says so.
        voice: { engine: 'openai', voice: 'alloy', speed: 1, pitch: 0 },
        // In the second piece (the first scene is ~2.3 s), on a frame's time.
        thumbnail: { atSec: 3, title: '' },
      }),
    );
    const render = await finished(test, await test.call('media.renders.start', { id: videoId }));
    expect(render.status).toBe('done');
    const renderDir = path.join(test.dataDir, 'media', 'renders', render.id);
    const info = await ffmpeg.probe(path.join(renderDir, 'video.mp4'));
    // The thumbnail, taken from the piece holding its frame, is the video's frame at that moment.
    expect(render.durationSec ?? 0).toBeGreaterThan(3.2);
    const fromVideo = path.join(test.dataDir, 'from-video.jpg');
    await ffmpeg.renderThumbnail({ source: path.join(renderDir, 'video.mp4'), atS: 3, profile: { width: 180, height: 320 }, output: fromVideo });
    expect((await readFile(path.join(renderDir, 'thumbnail.jpg'))).equals(await readFile(fromVideo))).toBe(true);
    expect(info.streams.find((s) => s.type === 'video')).toMatchObject({ width: 180, height: 320, fps: 30 });
    expect(info.streams.filter((s) => s.type === 'subtitle')).toHaveLength(0);
    // The second scene lasts its 2 s hint; the transition overlaps the first.
    const first = (render.durationSec ?? 0) - 2 + 0.5;
    expect(first).toBeGreaterThan(LEAD_SEC + TAIL_SEC + 0.5);
    expect(render.files?.srt?.name).toBe('captions.srt');
    expect(render.notices).toHaveLength(1);
    expect(render.notices[0]).toMatch(/OpenAI/);
  }, 60_000);

  it('burns the captions into the frames: under a cue a frame differs from the same video without captions', async () => {
    const { test, sources, projectId } = setUp();
    const scenes = [{ narration: 'The lamp burned all night long.', image: { kind: 'title-card' as const, text: 'Night', background: '#102030' } }];
    const frameAt = async (captions: 'burned' | 'none') => {
      const render = await finished(test, await test.call('media.renders.start', { id: sources.addVideo(testVideo(projectId, scenes, { captions })) }));
      expect(render.status).toBe('done');
      const file = path.join(test.dataDir, 'media', 'renders', render.id, 'video.mp4');
      // faststart: the index (moov) comes before the media data (mdat), so players start at once.
      const bytes = await readFile(file);
      expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
      return frameMd5(file, LEAD_SEC + 0.5);
    };
    // The same scene, drawn without and with its captions (narration cues start after the lead).
    expect(await frameAt('burned')).not.toBe(await frameAt('none'));
  }, 60_000);

  it('takes unchanged scenes from the segment cache on a second render; a changed scene alone is drawn again', async () => {
    // One worker: no piece is cut for the end (see splitForTheEnd), so each scene is one piece.
    const { test, sources, projectId } = setUp({ ...TINY_RENDER, segmentConcurrency: 1 });
    const image = sources.addAsset(makeTestImage(path.join(test.dataDir, 'a.png')), 'image');
    const video = testVideo(projectId, [
      { narration: TWO_SCENES[0], caption: 'Salt', image: { kind: 'asset', assetId: image } },
      { narration: TWO_SCENES[1], caption: 'Two' },
      { narration: '', durationHintSec: 1.5, caption: 'Three' },
    ], { captions: 'none' });
    sources.addVideo(video);
    const first = await finished(test, await test.call('media.renders.start', { id: video.id }));
    expect(first.status).toBe('done');
    const before = await cacheState(test.dataDir);
    // One piece per scene, each ending in its crossfade into the next.
    expect(before.size).toBe(3);

    sources.addVideo({ ...video, revision: 2 });
    const second = await finished(test, await test.call('media.renders.start', { id: video.id }));
    expect(second.status).toBe('done');
    expect(second.id).not.toBe(first.id);
    expect(await cacheState(test.dataDir)).toEqual(before);

    const scenes = video.script.scenes.map((s, i) => (i === 2 ? { ...s, caption: 'Three, changed' } : s));
    sources.addVideo({ ...video, revision: 3, script: { scenes } });
    const third = await finished(test, await test.call('media.renders.start', { id: video.id }));
    expect(third.status).toBe('done');
    const after = await cacheState(test.dataDir);
    // The changed scene's piece and the one that fades into it (it draws the scene's first frames, caption included); nothing else.
    expect(after.size).toBe(5);
    for (const [name, state] of before) expect(after.get(name), name).toBe(state);
    const info = await ffmpeg.probe(path.join(test.dataDir, 'media', 'renders', third.id, 'video.mp4'));
    expect(info.streams.filter((s) => s.type === 'subtitle')).toHaveLength(0);
    expect(await test.call('media.renders.list', { videoId: video.id })).toHaveLength(3);
  }, 90_000);

  it('joins the pieces of a video of many scenes by stream copy into one continuous stream of the exact length', async () => {
    // Two workers: the end's scenes are cut into shorter pieces (see splitForTheEnd), joined like the others.
    const { test, sources, projectId } = setUp({ ...TINY_RENDER, segmentConcurrency: 2 });
    // The last scene long enough to be cut (2 s and more are).
    const hint = (i: number) => (i === 8 ? 6 : 1 + i / 10);
    const scenes = [{ narration: 'Ten scenes.' }, ...Array.from({ length: 9 }, (_, i) => ({ narration: '', durationHintSec: hint(i), caption: `Scene ${i + 2}` }))];
    const videoId = sources.addVideo(testVideo(projectId, scenes, { captions: 'none' }));
    const render = await finished(test, await test.call('media.renders.start', { id: videoId }));
    expect(render.status).toBe('done');
    const file = path.join(test.dataDir, 'media', 'renders', render.id, 'video.mp4');
    const info = await ffmpeg.probe(file);
    expect(info.durationS).toBeCloseTo(render.durationSec ?? 0, 1);
    expect(info.streams.find((s) => s.type === 'video')).toMatchObject({ fps: 30 });
    expectContinuous(file, Math.round((render.durationSec ?? 0) * 30));
    const pieces = (await readdir(path.join(test.dataDir, SEGMENT_CACHE_FOLDER))).filter((n) => n.endsWith('.mp4') && !n.startsWith('.'));
    expect(pieces.length).toBeGreaterThan(10);
    // Nine silent scenes of their hints, crossfaded: each overlaps the one before by 0.5 s.
    const silent = Array.from({ length: 9 }, (_, i) => Math.ceil(hint(i) * 30 - 1e-6) / 30).reduce((a, b) => a + b, 0);
    expect(render.durationSec ?? 0).toBeGreaterThan(silent - 9 * 0.5 + LEAD_SEC);
  }, 90_000);

  it('cancels a render mid-way: no files stay, the finished pieces stay cached', async () => {
    const { test, sources, projectId } = setUp({ ...TINY_RENDER, segmentConcurrency: 2 });
    const image = sources.addAsset(makeTestImage(path.join(test.dataDir, 'a.png')), 'image');
    const videoId = sources.addVideo(
      testVideo(projectId, [
        { narration: '', durationHintSec: 1, image: { kind: 'asset', assetId: image } },
        { narration: '', durationHintSec: 600, image: { kind: 'asset', assetId: image } },
      ]),
    );
    const cacheDir = path.join(test.dataDir, SEGMENT_CACHE_FOLDER);
    const finishedPieces = async () => (await readdir(cacheDir).catch(() => [] as string[])).filter((n) => n.endsWith('.mp4') && !n.startsWith('.'));
    const started = await test.call('media.renders.start', { id: videoId });
    // Cancelled once a piece is finished: the long scene is cut in pieces for the two workers, the
    // first ones a quarter of it, so much of the scene is still to draw.
    let before: string[] = [];
    while (before.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      before = await finishedPieces();
    }
    expect((await test.call('media.renders.get', { id: started.id })).status).toBe('running');
    await test.call('media.renders.cancel', { id: started.id });
    const job = await test.core.services.jobs.whenFinished(started.jobId ?? '');
    expect(job.status).toBe('cancelled');
    const render = await test.call('media.renders.get', { id: started.id });
    expect(render).toMatchObject({ status: 'cancelled', files: null, error: null, stage: 'segments' });
    expect(existsSync(path.join(test.dataDir, 'media', 'renders', started.id))).toBe(false);
    // What was finished stays; what was being drawn is gone, half-written files included.
    const after = await finishedPieces();
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.length).toBeLessThan(6);
    expect((await readdir(cacheDir)).filter((n) => n.includes('partial'))).toEqual([]);
    // A finished render can be deleted; a cancelled one too.
    await test.call('media.renders.delete', { id: started.id });
    expect(await test.call('media.renders.list', { videoId })).toEqual([]);
  }, 60_000);

  it('fails with the stage and the last lines of ffmpeg\'s log when an image cannot be decoded, leaving no files', async () => {
    const { test, sources, projectId } = setUp();
    const broken = path.join(test.dataDir, 'broken.png');
    writeFileSync(broken, 'not a picture');
    const image = sources.addAsset(broken, 'image');
    const videoId = sources.addVideo(testVideo(projectId, [{ narration: 'One line.' }, { narration: 'Two lines.', image: { kind: 'asset', assetId: image } }]));
    const render = await finished(test, await test.call('media.renders.start', { id: videoId }));
    expect(render.status).toBe('failed');
    expect(render.error?.code).toBe('FFMPEG_FAILED');
    // Scene 1's piece draws scene 2's first frames for the crossfade: whichever piece fails first, the sentence names scene 2, and the log the file.
    expect(render.error?.message).toMatch(/^Rendering scene (2|1 and its crossfade into scene 2) failed: ffmpeg exited with code \d+\.\nLast lines of ffmpeg's log:\n/);
    expect(render.error?.message).toContain('broken.png');
    expect(render.stage).toBe('segments');
    expect(existsSync(path.join(test.dataDir, 'media', 'renders', render.id))).toBe(false);
    expect(test.core.services.jobs.get(render.jobId ?? '')).toMatchObject({ status: 'failed', attempts: 1 });
    // A render without a video has nothing to export.
    const exported = await test.raw('media.renders.export', { id: render.id, folder: path.join(test.dataDir, 'out') });
    expect(exported.ok ? null : exported.error.code).toBe('NOT_FOUND');
  }, 60_000);

  it('refuses to start with a missing image, naming the scene; refuses to delete a running render', async () => {
    const { test, sources, projectId } = setUp();
    const gone = sources.addAsset(path.join(test.dataDir, 'deleted.png'), 'image');
    const videoId = sources.addVideo(testVideo(projectId, [{ narration: 'One.' }, { narration: 'Two.', image: { kind: 'asset', assetId: gone } }]));
    const refused = await test.raw('media.renders.start', { id: videoId });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'NOT_FOUND', message: 'The image of scene 2 is missing: its file cannot be read. Choose another one and render again.' });

    const long = sources.addVideo(testVideo(projectId, [{ narration: '', durationHintSec: 600 }]));
    const running = await test.call('media.renders.start', { id: long });
    // Starting the same revision again while it runs gives the same render.
    expect((await test.call('media.renders.start', { id: long })).id).toBe(running.id);
    const deleted = await test.raw('media.renders.delete', { id: running.id });
    expect(deleted.ok ? null : deleted.error).toMatchObject({ code: 'CONFLICT', message: 'This render is still running: cancel it first, then delete it.' });
    await test.call('media.renders.cancel', { id: running.id });
    await test.core.services.jobs.whenFinished(running.jobId ?? '');
    expect((await test.call('media.renders.get', { id: running.id })).status).toBe('cancelled');
  }, 60_000);
});
