/**
 * `npm run bench`: the writing studio's hot paths on a generated 150,000-word manuscript
 * (60 chapters, 300 scenes), saving scenes of a whole manuscript (10k to 300k words), and search
 * in a library of 10,000 scenes; each measured twice in the same run — called straight on the
 * core, and through the browser-mode WebSocket transport — so the transport's cost shows as a
 * ratio rather than as absolute numbers that vary from machine to machine.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../src/shared/ipc/contract';
import { createCore, type Core } from '../src/main/core';
import { documentToPlainText } from '../src/main/core/manuscript';
import { silentLogger } from '../src/main/core/platform/logger';
import type { DocNode } from '../src/shared/models/document';
import { connectWsClient } from '../src/main/testing/ws-client';
import { startBrowserMode } from '../src/main/web/server';
import { longSceneRows, longSceneSizes, type Via } from './long-scenes';
import { createGeneratedBook, generateScene, seededRandom } from './manuscript-generator';
import { LIBRARY_SHAPE, seedSearchLibrary } from './search-library';
import { longestStall, measure, printTable, type Row } from './stats';

const CHAPTERS = 60;
const SCENES_PER_CHAPTER = 5;
const WORDS_PER_SCENE = 500;

/** The first `chars` characters of a scene's text, cut at a word: what a writer pastes into the search box. */
function passageOf(content: DocNode, chars: number): string {
  const text = documentToPlainText(content).replace(/\s+/g, ' ');
  const end = text.lastIndexOf(' ', chars);
  return text.slice(0, end > 0 ? end : chars);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-'));
const staticDir = path.join(dir, 'renderer');
mkdirSync(staticDir);
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
const core = createCore({ dataDir: path.join(dir, 'data'), logger: silentLogger() });
const web = await startBrowserMode({ core, staticDir, port: 0 });
const client = await connectWsClient(web.origin, web.token);

/** Direct calls to `target`: the handler itself, with the input parsed as the router would. */
function directTo(target: Core): Via {
  return async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const parsed = contract[method].input.parse(input);
    const handler = target.handlers[method] as (i: unknown, c: { transport: 'direct' }) => unknown;
    return (await handler(parsed, { transport: 'direct' })) as MethodOutput<M>;
  };
}
const direct = directTo(core);

try {
  const random = seededRandom(20261121);
  const started = performance.now();
  const { manuscript, projects } = core.services;
  const { projectId, sceneIds } = createGeneratedBook(core.services, random, { title: 'Benchmark Novel', chapters: CHAPTERS, scenesPerChapter: SCENES_PER_CHAPTER, wordsPerScene: WORDS_PER_SCENE });
  const project = { id: projectId };
  const words = projects.get(project.id).wordCount;
  console.log(`Generated ${CHAPTERS} chapters, ${sceneIds.length} scenes, ${words.toLocaleString('en')} words in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);

  const rows: Row[] = [];
  const bothOn = (viaDirect: Via, viaWs: Via) => async (operation: string, iterations: number, run: (via: Via, i: number) => Promise<unknown>) => {
    const directTimes = await measure(iterations, (i) => run(viaDirect, i));
    const wsTimes = await measure(iterations, (i) => run(viaWs, i));
    rows.push({ operation, direct: directTimes, transport: wsTimes });
  };
  const both = bothOn(direct, client.call);

  // Autosave: a 500-word scene saved again and again, as the editor does while one types.
  const sceneId = sceneIds[150] ?? '';
  let revision = (await direct('scene.get', { id: sceneId })).revision;
  const drafts = Array.from({ length: 8 }, () => generateScene(random, WORDS_PER_SCENE));
  await both('autosave round-trip (500 words)', 200, async (via, i) => {
    const saved = await via('scene.save', { id: sceneId, content: drafts[i % drafts.length] ?? drafts[0] ?? { type: 'doc' }, baseRevision: revision });
    revision = saved.revision;
  });

  // Opening a project: its summary, the outline, and the first scene's text.
  await both('project open (summary+outline+scene)', 30, async (via) => {
    await via('project.get', { id: project.id });
    await via('outline.get', { projectId: project.id });
    await via('scene.get', { id: sceneIds[0] ?? '' });
  });

  const queries = ['lantern', 'harbour storm', '"silver morning"', 'whisp', 'keeper letter mother', 'orchard'];
  await both('full-text search', 120, (via, i) => via('search.query', { projectId: project.id, query: queries[i % queries.length] ?? 'tide', limit: 50 }));
  // A paragraph pasted into the search box (500 characters, the longest query): found as a passage.
  const passages = sceneIds.slice(0, 6).map((id) => passageOf(manuscript.getScene(id).content, 500));
  await both('full-text search (500-char query)', 30, (via, i) => via('search.query', { projectId: project.id, query: passages[i % passages.length] ?? 'tide', limit: 50 }));

  await both('DOCX export (150k words)', 5, (via) => via('export.run', { projectId: project.id, format: 'docx' }));
  await both('PDF manuscript export (150k words)', 3, (via) => via('export.run', { projectId: project.id, format: 'pdf' }));
  await both('PDF book export (150k words)', 3, (via) => via('export.run', { projectId: project.id, format: 'pdf', pdf: { style: 'book' } }));
  await both('Markdown export (150k words)', 5, (via) => via('export.run', { projectId: project.id, format: 'markdown' }));

  const lastChapter = manuscript.outline(project.id).chapters.at(-1);
  if (!lastChapter) throw new Error('no chapter');
  await longSceneRows({ direct, ws: client.call, both, rows, random, chapterId: lastChapter.id, projectId: project.id }, longSceneSizes());

  // Search in a library of 10,000 scenes over 10 projects: a word, and a 500-character passage.
  const libraryDir = path.join(dir, 'library');
  mkdirSync(libraryDir);
  const seeding = performance.now();
  const library = seedSearchLibrary(libraryDir, seededRandom(7), LIBRARY_SHAPE);
  console.log(`Generated a library of ${(LIBRARY_SHAPE.projects * LIBRARY_SHAPE.scenesPerProject).toLocaleString('en')} scenes in ${((performance.now() - seeding) / 1000).toFixed(1)} s.\n`);
  const libraryCore = createCore({ dataDir: libraryDir, logger: silentLogger() });
  const libraryWeb = await startBrowserMode({ core: libraryCore, staticDir, port: 0 });
  const libraryClient = await connectWsClient(libraryWeb.origin, libraryWeb.token);
  try {
    const inLibrary = bothOn(directTo(libraryCore), libraryClient.call);
    const projectAt = (i: number) => library.projectIds[i % library.projectIds.length] ?? '';
    const libraryWords = ['lantern', 'harbour storm', 'keeper letter mother', 'whisp'];
    await inLibrary('search 10k scenes: words', 40, (via, i) => via('search.query', { projectId: projectAt(i), query: libraryWords[i % libraryWords.length] ?? 'tide', limit: 50 }));
    await inLibrary('search 10k scenes: 500-char query', 20, (via, i) => via('search.query', { projectId: projectAt(i), query: library.excerpt(i % library.projectIds.length, 500), limit: 50 }));
  } finally {
    libraryClient.close();
    await libraryWeb.close();
    libraryCore.close();
  }

  printTable(rows);
  console.log('\nratio = WebSocket p50 / direct p50 on the same data in the same run.');

  // How long an export holds the core's event loop at a stretch: other clients wait that long.
  console.log('\nLongest event-loop stall during one export (150k words):');
  for (const [label, input] of [
    ['DOCX', { projectId: project.id, format: 'docx' }],
    ['PDF manuscript', { projectId: project.id, format: 'pdf' }],
    ['PDF book', { projectId: project.id, format: 'pdf', pdf: { style: 'book' } }],
  ] as const) {
    const started = performance.now();
    const stall = await longestStall(() => direct('export.run', input));
    console.log(`  ${label.padEnd(16)}${stall.toFixed(0).padStart(6)} ms of ${(performance.now() - started).toFixed(0)} ms`);
  }
} finally {
  client.close();
  await web.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
}
