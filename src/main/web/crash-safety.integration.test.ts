import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocNode } from '../../shared/models/document';
import type { SceneSaved } from '../../shared/models/manuscript';
import { createCore } from '../core';
import { silentLogger } from '../core/platform/logger';
import { doc } from '../testing/test-core';
import { connectWsClient } from '../testing/ws-client';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-crash-'));
const dataDir = path.join(dir, 'data');
const TOKEN = 'crash-test-token-0123456789';
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `src/main/web.ts` as its own process, as `npm run web` does, and waits for its URL. */
async function startCoreProcess(): Promise<{ process: ChildProcess; origin: string }> {
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/web.ts', '--data', dataDir, '--port', '0', '--renderer', renderer], {
    cwd: repoRoot,
    env: { ...process.env, NOVA_WEB_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`core did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`core exited early (${code}):\n${output}`)));
  });
  return { process: proc, origin };
}

describe('crash safety', () => {
  it('keeps every acknowledged autosave when the core is killed mid-stream', async () => {
    const started = await startCoreProcess();
    child = started.process;
    const client = await connectWsClient(started.origin, TOKEN);
    const project = await client.call('project.create', { title: 'Crash test' });
    const firstChapter = (await client.call('outline.get', { projectId: project.id })).chapters[0];
    if (!firstChapter) throw new Error('no chapter');
    const scenes = [firstChapter.scenes[0]?.id ?? ''];
    for (const title of ['Two', 'Three']) scenes.push((await client.call('scene.create', { chapterId: firstChapter.id, title })).id);

    /** What was sent for each scene at each revision, and the highest revision acknowledged. */
    const sent = new Map<string, Map<number, DocNode>>(scenes.map((id) => [id, new Map()]));
    const acked = new Map<string, number>(scenes.map((id) => [id, 0]));
    let acknowledgements = 0;
    let killed = false;
    /** Saves the core answered with an error, or calls that failed otherwise than by the kill. */
    const refusals: string[] = [];

    // Each scene streams saves with up to four in flight, as a fast typist's autosaves would pile up.
    const stream = async (sceneId: string) => {
      let revision = 0;
      const inFlight = new Set<Promise<void>>();
      while (!killed) {
        const base = revision++;
        const content = doc(`Scene ${sceneId.slice(0, 4)} revision ${base + 1}. `.repeat(20 + (base % 7)));
        sent.get(sceneId)?.set(base + 1, content);
        const call = client
          .raw('scene.save', { id: sceneId, content, baseRevision: base })
          .then(
            (result) => {
              // An answer is either a save or a real failure (CONFLICT, STORAGE_FAILED…): the
              // latter must fail the test, not pass as a casualty of the kill.
              if (!result.ok) return void refusals.push(`${result.error.code}: ${result.error.message}`);
              const { revision: savedRevision } = result.data as SceneSaved;
              acked.set(sceneId, Math.max(acked.get(sceneId) ?? 0, savedRevision));
              acknowledgements += 1;
            },
            (error: Error) => {
              // Only the socket dying with the process may end a call without an answer.
              if (error.message !== 'socket closed') refusals.push(error.message);
            },
          )
          .finally(() => inFlight.delete(call));
        inFlight.add(call);
        if (inFlight.size >= 4) await Promise.race(inFlight);
      }
      await Promise.allSettled(inFlight);
    };

    const streams = scenes.map((id) => stream(id));
    while (acknowledgements < 150 && refusals.length === 0) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    killed = true;
    await Promise.all(streams);
    client.close();
    await exited; // the old process is gone before a new core opens its data folder
    expect(refusals).toEqual([]);

    // Restart on the same data folder and check every acknowledged save.
    const core = createCore({ dataDir, logger: silentLogger() });
    try {
      for (const sceneId of scenes) {
        const lastAcked = acked.get(sceneId) ?? 0;
        expect(lastAcked).toBeGreaterThan(0);
        const scene = core.services.manuscript.getScene(sceneId);
        // A save may have committed just before the kill without its answer reaching us:
        // the stored revision can be newer, but never older, and it holds exactly what was sent.
        expect(scene.revision).toBeGreaterThanOrEqual(lastAcked);
        expect(scene.content).toEqual(sent.get(sceneId)?.get(scene.revision));
      }
      const sqlite = (await import('better-sqlite3')).default;
      const check = new sqlite(core.info.dbFile);
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      // The search index committed with the text: it holds each scene's stored revision.
      check.prepare("insert into scene_fts (scene_fts) values ('integrity-check')").run();
      expect(check.prepare("select count(*) from scene_fts where scene_fts match 'revision'").pluck().get()).toBe(3);
      check.close();
    } finally {
      core.close();
    }
  }, 90_000);
});
