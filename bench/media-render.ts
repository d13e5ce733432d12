/**
 * `npx tsx bench/media-render.ts`: the final render of a 60 s 1080p video (stills with Ken Burns
 * motion, crossfades, burned captions, ducked music, espeak-ng narration) through the real
 * render job, against a bare x264 encode with the profile's settings measured in the same run
 * (target ≤ 1.15×): of the render's own frames (decoded beforehand to a raw dump, so the timed
 * encode only reads and encodes), and of testsrc2 frames of the same length. Also: each stage's
 * time, the narration's share of the render (target < 5 %), the machine's load average at start
 * and end (the machine is shared: absolute times move with the load, the ratios less so), and
 * the peak memory of a 30-minute chapter's render, this process and its ffmpeg children
 * together (target < 1 GB).
 *
 * The chapter renders at 480×270 by default (it takes a few minutes); `BENCH_FULL=1` renders it
 * at 1080p, `BENCH_CHAPTER=0` skips it. `BENCH_RENDER_SECONDS` changes the short video's length;
 * `BENCH_CONCURRENCY` and `BENCH_THREADS` set the pieces drawn at once and each one's x264 threads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src/main/core';
import { buildFfmpegArgs, createFfmpegService, filter, RENDER_PROFILES, renderFilter, type FfmpegInput, type RenderOptions } from '../src/main/core/media';
import { silentLogger } from '../src/main/core/platform/logger';
import { createFakeSources, makeTestMusic, testVideo } from '../src/main/testing/render-doubles';
import type { Render, ScriptScene } from '../src/shared/models/media';
import { projectCreateSchema } from '../src/shared/models/project';

const SHORT_SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 60);
const FULL = process.env.BENCH_FULL === '1';
const CHAPTER_SECONDS = 30 * 60;
const CHAPTER = process.env.BENCH_CHAPTER !== '0';
const TUNING: RenderOptions = {
  ...(process.env.BENCH_CONCURRENCY ? { segmentConcurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
  ...(process.env.BENCH_THREADS ? { segmentThreads: Number(process.env.BENCH_THREADS) } : {}),
};
const ffmpeg = createFfmpegService();

// About 2.6 spoken words a second with espeak-ng at speed 1: scenes of ~7 s.
const SENTENCES = [
  'The salt road ran from the coast to the mountains, and nobody walked it twice.',
  'Merchants carried their goods in covered carts, and the dust followed them for days.',
  'At the third well the water tasted of iron, and the horses refused to drink.',
  'The old map showed a village where now there was only wind and a broken gate.',
];

/** VmRSS of this process and every descendant, in bytes (Linux /proc). */
function treeRss(root: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // Gone already.
    }
  }
  return total;
}

function makeStill(file: string, pattern: string, index: number): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${pattern}=size=2400x1600:rate=1`, '-vf', `hue=h=${index * 40}`, '-frames:v', '1', file]);
  return file;
}

/** Renders a video of about `seconds` through a fresh core; returns the render, its wall time and the peak memory. */
async function renderVideo(seconds: number, options: RenderOptions, label: string): Promise<{ render: Render; wallSec: number; peakRss: number; bareSameFramesSec: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-render-'));
  const sources = createFakeSources();
  const core = createCore({ dataDir, logger: silentLogger(), media: { render: options, renderSources: sources} });
  try {
    const project = core.services.projects.create(projectCreateSchema.parse({ title: 'Bench' }));
    const stills = ['testsrc2', 'smptehdbars', 'mandelbrot', 'cellauto'].map((pattern, i) => sources.addAsset(makeStill(path.join(dataDir, `still-${i}.png`), pattern, i), 'image'));
    const music = sources.addAsset(makeTestMusic(path.join(dataDir, 'music.wav'), 30), 'audio');
    const sceneCount = Math.max(2, Math.round(seconds / 7.5));
    const scenes: Array<Partial<ScriptScene>> = Array.from({ length: sceneCount }, (_, i) => ({
      narration: `${SENTENCES[i % SENTENCES.length]} Scene ${i + 1}.`,
      caption: i % 3 === 0 ? `Part ${i + 1}` : '',
      image: i % 5 === 4 ? { kind: 'title-card', text: `Chapter ${i + 1}`, background: '#1d2433' } : { kind: 'asset', assetId: stills[i % stills.length] ?? '' },
    }));
    const videoId = sources.addVideo(testVideo(project.id, scenes, { format: 'youtube-1080p', captions: 'burned', music: { assetId: music, gainDb: -18 }, title: label }));
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(process.pid))), 200);
    const started = performance.now();
    const render = await core.handlers['media.renders.start']({ id: videoId }, { transport: 'direct' });
    await core.services.jobs.whenFinished(render.jobId ?? '');
    const wallSec = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const done = await core.handlers['media.renders.get']({ id: render.id }, { transport: 'direct' });
    if (done.status !== 'done') throw new Error(`the render ${done.status}: ${done.error?.message ?? ''}`);
    const bareSameFramesSec = await bareEncode(done.durationSec ?? seconds, path.join(dataDir, 'media', 'renders', done.id, 'video.mp4'));
    return { render: done, wallSec, peakRss, bareSameFramesSec };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const profile = RENDER_PROFILES['youtube-1080p'];
const rawFrames = { format: 'rawvideo', demuxerOptions: ['-pix_fmt', 'yuv420p', '-video_size', `${profile.width}x${profile.height}`, '-framerate', String(profile.fps)] };

/** Times one encode of `input` with the 1080p profile's settings (the one lossy encode of a render). */
async function timedEncode(input: FfmpegInput, dir: string): Promise<number> {
  const started = performance.now();
  await ffmpeg.runner.ffmpeg({
    stage: 'bare encode',
    args: buildFfmpegArgs({ inputs: [input], output: { path: path.join(dir, 'bare.mp4'), maps: ['0:v'], video: { ...profile.video, fps: profile.fps } } }),
  });
  return (performance.now() - started) / 1000;
}

/**
 * A bare encode with the profile's settings: of `seconds` of testsrc2's frames, or of the frames
 * of `source` (the render itself: the same pictures, so x264 has the same work), decoded first to
 * a raw dump so the timed encode does no decoding.
 */
async function bareEncode(seconds: number, source?: string): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-bare-'));
  try {
    if (source === undefined) {
      const frames = renderFilter(filter('testsrc2', { size: `${profile.width}x${profile.height}`, rate: profile.fps }));
      return await timedEncode({ kind: 'lavfi', graph: frames, durationS: seconds }, dir);
    }
    const raw = path.join(dir, 'frames.yuv');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', source, '-map', '0:v', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', raw]);
    return await timedEncode({ kind: 'file', path: raw, ...rawFrames }, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const stages = (render: Render) => Object.entries(render.timings).map(([stage, s]) => `${stage} ${(s ?? 0).toFixed(1)} s`).join(', ');

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average at start: ${load()} (${os.cpus().length} cores; the machine is shared with other work: absolute times move with its load)`);
// The bare encode of testsrc2 is measured just before and just after the render, and averaged.
const bareBefore = await bareEncode(SHORT_SECONDS);
const short = await renderVideo(SHORT_SECONDS, TUNING, 'Bench 60 s');
const lengthSec = short.render.durationSec ?? SHORT_SECONDS;
const bareAfter = await bareEncode(lengthSec);
const bare = (bareBefore * (lengthSec / SHORT_SECONDS) + bareAfter) / 2;
const ttsShare = (short.render.timings.narration ?? 0) / short.wallSec;
console.log(`render of ${lengthSec.toFixed(1)} s of 1080p (stills + motion + crossfades + burned captions + ducked music + espeak-ng) ${JSON.stringify(TUNING)}: ${short.wallSec.toFixed(1)} s`);
console.log(`  stages: ${stages(short.render)}`);
console.log(`  bare encode (profile settings) of the render's own frames from a raw dump: ${short.bareSameFramesSec.toFixed(1)} s → ratio ${(short.wallSec / short.bareSameFramesSec).toFixed(2)}× (target ≤ 1.15×)`);
console.log(`  bare encode of testsrc2 frames of the same length: ${bare.toFixed(1)} s (before ${bareBefore.toFixed(1)} s for ${SHORT_SECONDS} s, after ${bareAfter.toFixed(1)} s) → ratio ${(short.wallSec / bare).toFixed(2)}×`);
console.log(`  narration (TTS, cold cache) ${(ttsShare * 100).toFixed(1)} % of the render (target < 5 %); peak memory ${mb(short.peakRss)}`);
console.log(`  loudness ${short.render.loudness?.integratedLufs.toFixed(1)} LUFS, true peak ${short.render.loudness?.truePeakDb.toFixed(1)} dBTP (target ≤ −1)`);

if (CHAPTER) {
  const chapterProfile: RenderOptions = FULL ? TUNING : { ...TUNING, profileFor: (format) => ({ ...RENDER_PROFILES[format], width: 480, height: 270 }) };
  const chapter = await renderVideo(CHAPTER_SECONDS, chapterProfile, 'Bench chapter');
  console.log(
    `30-minute chapter (${(chapter.render.durationSec ?? 0).toFixed(0)} s, ${FULL ? '1080p' : '480×270; BENCH_FULL=1 for 1080p'}): ${chapter.wallSec.toFixed(0)} s, peak memory (core + ffmpeg) ${mb(chapter.peakRss)} (target < 1 GB)`,
  );
  console.log(`  stages: ${stages(chapter.render)}`);
}
console.log(`load average at end: ${load()}`);
