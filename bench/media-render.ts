/**
 * `npx tsx bench/media-render.ts`: the final render of a 60 s 1080p video (stills with Ken Burns
 * motion, crossfades, burned captions, ducked music, espeak-ng narration) through the real
 * render job, against a bare x264 encode of the render's own frames with the profile's settings
 * (veryfast, the profile's CRF, yuv420p, 30 fps; the frames as drawn, from an untimed lossless
 * render of the same video, decoded beforehand to a raw dump, so the timed encode only reads
 * and encodes), measured right after it. Target ≤ 1.15×, with the narration
 * (TTS, cold cache) < 5 % of the render and memory < 1 GB.
 *
 * Each run prints wall time, CPU seconds of the child processes (ffmpeg, ffprobe, espeak-ng:
 * from /proc, less sensitive to the machine's load than wall time), the peak memory of this
 * process and all its children together (sampled from /proc every 200 ms), and the load average
 * before and after. `BENCH_RENDER_RUNS` (default 1) repeats the 60 s render and prints medians.
 * `BENCH_RENDER_SECONDS` changes its length.
 *
 * `BENCH_RENDER_CHAPTER_MINUTES=30` also renders a chapter of that length (off by default: on 2
 * cores it takes from tens of minutes to hours) and prints its wall time, real-time factor, CPU
 * seconds and peak memory; `BENCH_RENDER_CHAPTER_SIZE=720p` renders it at 1280×720 instead of
 * 1080p. `BENCH_CONCURRENCY` and `BENCH_THREADS` force the pieces drawn at once and their x264
 * threads (by default the render chooses them from its memory budget).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src/main/core';
import { buildFfmpegArgs, createFfmpegService, RENDER_PROFILES, type RenderOptions, type VideoEncoding } from '../src/main/core/media';
import { silentLogger } from '../src/main/core/platform/logger';
import { createFakeSources, makeTestMusic, testVideo } from '../src/main/testing/render-doubles';
import type { Render, ScriptScene } from '../src/shared/models/media';
import { projectCreateSchema } from '../src/shared/models/project';

const SHORT_SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 60);
const RUNS = Math.max(1, Number(process.env.BENCH_RENDER_RUNS ?? 1));
const CHAPTER_MINUTES = Number(process.env.BENCH_RENDER_CHAPTER_MINUTES ?? 0);
const CHAPTER_720P = process.env.BENCH_RENDER_CHAPTER_SIZE === '720p';
const TUNING: RenderOptions = {
  ...(process.env.BENCH_CONCURRENCY ? { segmentConcurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
  ...(process.env.BENCH_THREADS ? { segmentThreads: Number(process.env.BENCH_THREADS) } : {}),
};
const ffmpeg = createFfmpegService();
const profile = RENDER_PROFILES['youtube-1080p'];

// About 2.6 spoken words a second with espeak-ng at speed 1: scenes of ~7 s.
const SENTENCES = [
  'The salt road ran from the coast to the mountains, and nobody walked it twice.',
  'Merchants carried their goods in covered carts, and the dust followed them for days.',
  'At the third well the water tasted of iron, and the horses refused to drink.',
  'The old map showed a village where now there was only wind and a broken gate.',
];

/** CPU seconds of this process's finished (waited-for) children: fields cutime + cstime of /proc/self/stat. */
function childCpuSec(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** VmRSS of this process and every descendant together, and of this process alone, in bytes. */
function treeRss(root: number): { total: number; node: number } {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  let node = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      total += rss;
      if (pid === root) node = rss;
    } catch {
      // Gone already.
    }
  }
  return { total, node };
}

function makeStill(file: string, pattern: string, index: number): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${pattern}=size=2400x1600:rate=1`, '-vf', `hue=h=${index * 40}`, '-frames:v', '1', file]);
  return file;
}

interface Measured {
  render: Render;
  wallSec: number;
  cpuSec: number;
  peakRss: number;
  peakCoreRss: number;
  bare: { wallSec: number; cpuSec: number } | null;
}

/** Renders the video through a core on `dataDir`: the finished render, its file, and the wall and child CPU seconds from the start to the end of the render. */
async function renderOnce(dataDir: string, sources: ReturnType<typeof createFakeSources>, options: RenderOptions, videoId: string): Promise<{ render: Render; video: string; wallSec: number; cpuSec: number }> {
  const core = createCore({ dataDir, logger: silentLogger(), media: { render: options, renderSources: sources } });
  try {
    const cpuBefore = childCpuSec();
    const started = performance.now();
    const render = await core.handlers['media.renders.start']({ id: videoId }, { transport: 'direct' });
    await core.services.jobs.whenFinished(render.jobId ?? '');
    const wallSec = (performance.now() - started) / 1000;
    const cpuSec = childCpuSec() - cpuBefore;
    const done = await core.handlers['media.renders.get']({ id: render.id }, { transport: 'direct' });
    if (done.status !== 'done') throw new Error(`the render ${done.status}: ${done.error?.message ?? ''}`);
    return { render: done, video: path.join(dataDir, 'media', 'renders', done.id, 'video.mp4'), wallSec, cpuSec };
  } finally {
    core.close();
  }
}

/**
 * Renders a video of about `seconds` through a fresh core (cold caches); with `bare`, then
 * renders it again (untimed) with a lossless encode and times the bare encode of those frames.
 */
async function renderVideo(seconds: number, options: RenderOptions, label: string, bare: boolean): Promise<Measured> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-render-'));
  const sources = createFakeSources();
  try {
    const setup = createCore({ dataDir, logger: silentLogger(), media: { render: options, renderSources: sources } });
    const project = setup.services.projects.create(projectCreateSchema.parse({ title: 'Bench' }));
    setup.close();
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
    let peakCoreRss = 0;
    const sampler = setInterval(() => {
      const rss = treeRss(process.pid);
      peakRss = Math.max(peakRss, rss.total);
      peakCoreRss = Math.max(peakCoreRss, rss.node);
    }, 200);
    const { render, wallSec, cpuSec } = await renderOnce(dataDir, sources, options, videoId).finally(() => clearInterval(sampler));
    if (!bare) return { render, wallSec, cpuSec, peakRss, peakCoreRss, bare: null };
    const frames = await renderOnce(dataDir, sources, { ...options, finalVideo: LOSSLESS }, videoId);
    return { render, wallSec, cpuSec, peakRss, peakCoreRss, bare: await bareEncode(frames.video) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** x264 at qp 0 in yuv420p is lossless: the decoded file is bit for bit the frames the pieces encoded. */
const LOSSLESS: VideoEncoding = { codec: 'libx264', preset: 'ultrafast', qp: 0, pixelFormat: 'yuv420p' };

/**
 * The bare encode the render is held to: the render's own frames as drawn, before their encode
 * (the video rendered again losslessly: the same pictures, so x264 has the same work — its
 * decoded lossy output would be ~7 % cheaper to encode, measured on a 1080p piece, as CRF 20 has
 * already smoothed away detail), decoded first to a raw dump, encoded with exactly the profile's
 * settings (`profile.video`: libx264 veryfast, CRF 20, yuv420p, 30 fps) and x264's default threads.
 */
async function bareEncode(source: string): Promise<{ wallSec: number; cpuSec: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-bare-'));
  try {
    const raw = path.join(dir, 'frames.yuv');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', source, '-map', '0:v', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', raw]);
    const input = { kind: 'file' as const, path: raw, format: 'rawvideo', demuxerOptions: ['-pix_fmt', 'yuv420p', '-video_size', `${profile.width}x${profile.height}`, '-framerate', String(profile.fps)] };
    const cpuBefore = childCpuSec();
    const started = performance.now();
    await ffmpeg.runner.ffmpeg({
      stage: 'bare encode',
      args: buildFfmpegArgs({ inputs: [input], output: { path: path.join(dir, 'bare.mp4'), maps: ['0:v'], video: { ...profile.video, fps: profile.fps } } }),
    });
    return { wallSec: (performance.now() - started) / 1000, cpuSec: childCpuSec() - cpuBefore };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const stages = (render: Render) => Object.entries(render.timings).map(([stage, s]) => `${stage} ${(s ?? 0).toFixed(1)} s`).join(', ');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`load average at start: ${load()} (${os.cpus().length} cores, shared with other work: wall times move with the load, CPU seconds much less)`);
const runs: Measured[] = [];
for (let i = 0; i < RUNS; i++) {
  const loadBefore = load();
  const run = await renderVideo(SHORT_SECONDS, TUNING, `Bench ${SHORT_SECONDS} s`, true);
  runs.push(run);
  const bare = run.bare ?? { wallSec: Number.NaN, cpuSec: Number.NaN };
  const tts = ((run.render.timings.narration ?? 0) / run.wallSec) * 100;
  console.log(
    `run ${i + 1}/${RUNS} (load ${loadBefore} → ${load()}): render of ${(run.render.durationSec ?? 0).toFixed(1)} s of 1080p ${run.wallSec.toFixed(1)} s (child CPU ${run.cpuSec.toFixed(1)} s), bare encode of its frames ${bare.wallSec.toFixed(1)} s (CPU ${bare.cpuSec.toFixed(1)} s) → ratio ${(run.wallSec / bare.wallSec).toFixed(2)}× wall, ${(run.cpuSec / bare.cpuSec).toFixed(2)}× CPU; TTS ${tts.toFixed(1)} %; peak memory ${mb(run.peakRss)} (core ${mb(run.peakCoreRss)})`,
  );
  console.log(`  stages: ${stages(run.render)}; loudness ${run.render.loudness?.integratedLufs.toFixed(1)} LUFS, true peak ${run.render.loudness?.truePeakDb.toFixed(1)} dBTP`);
}
const ratios = runs.map((r) => r.wallSec / (r.bare?.wallSec ?? Number.NaN));
const cpuRatios = runs.map((r) => r.cpuSec / (r.bare?.cpuSec ?? Number.NaN));
console.log(
  `${SHORT_SECONDS} s 1080p, median of ${RUNS}: render ${median(runs.map((r) => r.wallSec)).toFixed(1)} s / bare ${median(runs.map((r) => r.bare?.wallSec ?? Number.NaN)).toFixed(1)} s → ratio ${median(ratios).toFixed(2)}× wall (target ≤ 1.15×), ${median(cpuRatios).toFixed(2)}× CPU; ` +
    `TTS ${(median(runs.map((r) => (r.render.timings.narration ?? 0) / r.wallSec)) * 100).toFixed(1)} % (target < 5 %); peak memory ${mb(Math.max(...runs.map((r) => r.peakRss)))} (target < 1 GB)`,
);

if (CHAPTER_MINUTES > 0) {
  const options: RenderOptions = CHAPTER_720P ? { ...TUNING, profileFor: (format) => ({ ...RENDER_PROFILES[format], width: 1280, height: 720 }) } : TUNING;
  const loadBefore = load();
  const chapter = await renderVideo(CHAPTER_MINUTES * 60, options, 'Bench chapter', false);
  const length = chapter.render.durationSec ?? 0;
  console.log(
    `${CHAPTER_MINUTES}-minute chapter at ${CHAPTER_720P ? '720p' : '1080p'} (${length.toFixed(0)} s of video; load ${loadBefore} → ${load()}): ${chapter.wallSec.toFixed(0)} s, ` +
      `${(length / chapter.wallSec).toFixed(2)}× real time, child CPU ${chapter.cpuSec.toFixed(0)} s (${(chapter.cpuSec / length).toFixed(2)} CPU-s per second of video), peak memory ${mb(chapter.peakRss)} (core ${mb(chapter.peakCoreRss)}; target < 1 GB)`,
  );
  console.log(`  stages: ${stages(chapter.render)}`);
}
console.log(`load average at end: ${load()}`);
