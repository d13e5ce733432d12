/**
 * The renderer's side of opening a big project: a project of 10,000 scenes (100 chapters of
 * 100) and, as the baseline in the same run, one of 300 (60 × 5, the writing-studio bench's
 * shape), each opened in Chromium through the browser mode. Prints the median time from
 * navigation to the outline and the editor being on screen, and the page's JS heap after.
 * Run after `vite build --mode web` (npm run bench does).
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../src/main/core';
import type { DocNode } from '../src/shared/models/document';
import { silentLogger } from '../src/main/core/platform/logger';
import { startBrowserMode } from '../src/main/web/server';
import { percentile } from './stats';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.NOVA_BENCH_OUTLINE_RUNS ?? 5);

function seedProject(core: Core, chapters: number, scenesPerChapter: number): { projectId: string; sceneCount: number } {
  const { manuscript, projects } = core.services;
  const project = projects.create({ title: `Outline ${chapters * scenesPerChapter}`, description: '', genre: '', tone: '', status: 'drafting', wordGoal: 0 });
  const first = manuscript.outline(project.id).chapters[0];
  if (first) manuscript.deleteChapter(first.id);
  const paragraph = (text: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  for (let c = 0; c < chapters; c += 1) {
    const chapter = manuscript.createChapter({ projectId: project.id, title: `Chapter ${c + 1}`, synopsis: '' });
    for (let s = 0; s < scenesPerChapter; s += 1) {
      manuscript.createScene({ chapterId: chapter.id, title: `Scene ${c + 1}.${s + 1}`, content: paragraph(`The tide came in at scene ${s + 1}.`) });
    }
  }
  return { projectId: project.id, sceneCount: chapters * scenesPerChapter };
}

async function timeOpen(browser: Browser, origin: string, token: string, projectId: string): Promise<{ ms: number; heapMb: number }> {
  const context = await browser.newContext();
  await context.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${origin}/?token=${token}#/project/${projectId}`);
  await page.getByTestId('outline-tree').getByRole('treeitem').first().waitFor();
  await page.locator('[contenteditable="true"]').first().waitFor();
  const ms = Date.now() - started;
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await context.close();
  return { ms, heapMb: usedSize / 1024 / 1024 };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-outline-'));
const core = createCore({ dataDir: path.join(dir, 'data'), logger: silentLogger() });
const web = await startBrowserMode({ core, staticDir: path.join(repoRoot, 'dist', 'renderer'), port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const small = seedProject(core, 60, 5);
  const big = seedProject(core, 100, 100);
  const rows: Array<{ label: string; ms: number[]; heap: number[] }> = [];
  for (const [label, seeded] of [
    [`open a ${small.sceneCount}-scene project`, small],
    [`open a ${big.sceneCount.toLocaleString('en')}-scene project`, big],
  ] as const) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await timeOpen(browser, web.origin, web.token, seeded.projectId));
    rows.push({ label, ms: runs.map((r) => r.ms), heap: runs.map((r) => r.heapMb) });
  }
  console.log('\nOpening a project in the UI (Chromium, browser mode), navigation → outline + editor shown');
  console.log(`${'operation'.padEnd(34)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'JS heap MB'.padStart(12)}${'ratio p50'.padStart(11)}`);
  const base = percentile(rows[0]?.ms ?? [], 50);
  for (const row of rows) {
    const p50 = percentile(row.ms, 50);
    console.log(`${row.label.padEnd(34)}${p50.toFixed(0).padStart(10)}${percentile(row.ms, 95).toFixed(0).padStart(10)}${percentile(row.heap, 50).toFixed(1).padStart(12)}${`${(p50 / base).toFixed(2)}x`.padStart(11)}`);
  }
} finally {
  await browser.close();
  await web.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
}
