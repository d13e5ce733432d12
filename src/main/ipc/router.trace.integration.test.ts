import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../core/platform/logger';
import { createTestCore, doc, type TestCore } from '../testing/test-core';

/** A log line as written, with the fields these tests look at. */
interface Line {
  msg: string;
  level: number;
  trace?: string;
  method?: string;
  code?: string;
  [field: string]: unknown;
}

let t: TestCore;
let lines: Line[];
beforeEach(() => {
  lines = [];
  const logger = createLogger({ level: 'debug', stream: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } });
  t = createTestCore({ config: { logger } });
});
afterEach(() => t.dispose());

/** Every line of the call to `method` made last, found through its trace id. */
function linesOfLastCall(method: string): Line[] {
  const call = lines.filter((l) => l.msg === 'call' && l.method === method).at(-1);
  expect(call?.trace).toMatch(/^[0-9a-f]{12}$/);
  return lines.filter((l) => l.trace === call?.trace);
}

describe('trace ids through the router', () => {
  it('gives each call its own trace id, shared by every line the call writes', async () => {
    const project = await t.call('project.create', { title: 'Traced' });
    const scene = (await t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0];
    if (!scene) throw new Error('no scene');
    await t.call('scene.save', { id: scene.id, content: doc('Seven words are in this saved scene.'), baseRevision: 0 });

    const save = linesOfLastCall('scene.save');
    // The save queues background work (the scene's memory index, its summary): those lines are the call's too.
    expect(save.filter((l) => l.msg !== 'job queued').map((l) => l.msg)).toEqual(['scene saved', 'call']);
    expect(save.filter((l) => l.msg === 'job queued').map((l) => l.kind)).toContain('memory.index');
    expect(save.find((l) => l.msg === 'scene saved')).toMatchObject({ level: 30, sceneId: scene.id, revision: 1, words: 7 });
    expect(JSON.stringify(save)).not.toContain('Seven words'); // the text itself is never logged
    const create = linesOfLastCall('project.create');
    expect(create[0]?.trace).not.toBe(save[0]?.trace);
  });

  it('gives a background job its own trace, not that of the call that queued it', async () => {
    const project = await t.call('project.create', { title: 'Traced job' });
    const job = await t.call('memory.reindex', { projectId: project.id });
    await t.core.services.jobs.whenFinished(job.id);
    const queuedBy = linesOfLastCall('memory.reindex');
    const started = lines.find((l) => l.msg === 'job started' && l.jobId === job.id);
    expect(started?.trace).toMatch(/^[0-9a-f]{12}$/);
    expect(started?.trace).not.toBe(queuedBy[0]?.trace);
    expect(lines.filter((l) => l.trace === started?.trace).every((l) => l.jobId === job.id)).toBe(true);
  });

  it('logs exports, snapshot restores and failures with their trace', async () => {
    const project = await t.call('project.create', { title: 'Logged' });
    await t.call('export.run', { projectId: project.id, format: 'markdown' });
    expect(linesOfLastCall('export.run')[0]).toMatchObject({ msg: 'manuscript exported', level: 30, projectId: project.id, format: 'markdown' });

    const snapshot = await t.call('snapshot.create', { scope: 'project', targetId: project.id, label: 'Before' });
    await t.call('snapshot.restore', { id: snapshot.id });
    expect(linesOfLastCall('snapshot.restore')[0]).toMatchObject({ msg: 'snapshot restored', level: 30, snapshotId: snapshot.id });

    await t.raw('scene.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(linesOfLastCall('scene.get')).toMatchObject([{ msg: 'call', level: 30, ok: false, code: 'NOT_FOUND' }]);
  });

  it('names the trace in an INTERNAL answer, so a person can point at the log lines', async () => {
    const hostile = {
      get title(): string {
        throw new Error('boom');
      },
    };
    const result = await t.raw('project.create', hostile);
    const [call] = linesOfLastCall('project.create').filter((l) => l.msg === 'call');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).toContain(`(reference ${call?.trace})`);
  });
});
