import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type MethodInput, type MethodName, type MethodOutput, type ParsedInput } from '../../shared/ipc/contract';
import { ErrorCode } from '../../shared/ipc/errors';
import type { EventPayload } from '../../shared/ipc/events';
import { doc } from '../testing/test-core';
import { createCore, type Core } from '.';
import { silentLogger } from './platform/logger';

/** A core on `dataDir` whose clock the test sets; closing and opening again is a restart. */
function openCore(dataDir: string, clock: { now(): number }) {
  const core = createCore({ dataDir, logger: silentLogger(), clock });
  const saved: EventPayload<'scene.saved'>[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'scene.saved') saved.push(payload as EventPayload<'scene.saved'>);
  });
  return {
    core,
    saved,
    /** Calls a handler as the router would: input and output checked against the contract. */
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const handler = core.handlers[method] as (parsed: ParsedInput<M>, context: { transport: 'direct' }) => unknown;
      const output = await handler(contract[method].input.parse(input) as ParsedInput<M>, { transport: 'direct' });
      return contract[method].output.parse(output) as MethodOutput<M>;
    },
  };
}

/** Local wall-clock time (the writer's day is the local day, not the UTC one). */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

let dataDir: string;
let now: number;
const clock = { now: () => now };
let open: Core[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-session-'));
  now = at(20, 9);
  open = [];
});

afterEach(() => {
  for (const core of open) core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function start() {
  const t = openCore(dataDir, clock);
  open.push(t.core);
  return t;
}

async function newProject(t: ReturnType<typeof start>, title = 'The Salt Road') {
  const project = await t.call('project.create', { title });
  const sceneId = (await t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id;
  if (!sceneId) throw new Error('no scene');
  let revision = 0;
  const save = async (...paragraphs: string[]) => {
    const result = await t.call('scene.save', { id: sceneId, content: doc(...paragraphs), baseRevision: revision });
    revision = result.revision;
    return result;
  };
  return { projectId: project.id, sceneId, save };
}

describe('the writing session (words written today)', () => {
  it('counts the words saved today, and survives closing and reopening the core', async () => {
    let t = start();
    const { projectId, save } = await newProject(t);
    expect(await t.call('stats.session', { projectId })).toEqual({ day: '2026-11-20', words: 0 });

    await save('One two three four five.');
    await save('One two three four five.', 'Six seven eight.');
    expect(await t.call('stats.session', { projectId })).toEqual({ day: '2026-11-20', words: 8 });
    // Every UI learns the new figure with the save itself.
    expect(t.saved.at(-1)?.session).toEqual({ day: '2026-11-20', words: 8 });

    t.core.close();
    open = [];
    now = at(20, 22);
    t = start();
    expect(await t.call('stats.session', { projectId })).toEqual({ day: '2026-11-20', words: 8 });
  });

  it('starts a new day at zero, by the local clock', async () => {
    const t = start();
    const { projectId, save } = await newProject(t);
    now = at(20, 23, 59);
    await save('Late night words here.');
    expect((await t.call('stats.session', { projectId })).words).toBe(4);

    now = at(21, 0, 1);
    expect(await t.call('stats.session', { projectId })).toEqual({ day: '2026-11-21', words: 0 });
    await save('Late night words here.', 'Morning.');
    expect(await t.call('stats.session', { projectId })).toEqual({ day: '2026-11-21', words: 1 });
  });

  it('takes back words deleted today, but deleting older text never goes below zero', async () => {
    const t = start();
    const { projectId, save } = await newProject(t);
    await save('An old paragraph of ten words written long ago, really.');
    now = at(21, 9);
    // Cutting four old words: the day does not start in debt.
    await save('An old paragraph of ten words.');
    expect((await t.call('stats.session', { projectId })).words).toBe(0);
    await save('An old paragraph of ten words.', 'Brand new words.');
    expect((await t.call('stats.session', { projectId })).words).toBe(3);
    // Deleting a word written today takes it off again.
    await save('An old paragraph of ten words.', 'Brand new.');
    expect((await t.call('stats.session', { projectId })).words).toBe(2);
  });

  it('is per project, and moving scenes to the trash or back is not writing', async () => {
    const t = start();
    const a = await newProject(t, 'A');
    const b = await newProject(t, 'B');
    await a.save('Words in project A.');
    await b.save('Two words.');
    expect((await t.call('stats.session', { projectId: a.projectId })).words).toBe(4);
    expect((await t.call('stats.session', { projectId: b.projectId })).words).toBe(2);

    await t.call('scene.delete', { id: a.sceneId });
    await t.call('trash.restore', { kind: 'scene', id: a.sceneId });
    expect((await t.call('stats.session', { projectId: a.projectId })).words).toBe(4);
  });

  it('refuses an unknown project', async () => {
    const t = start();
    await expect(t.call('stats.session', { projectId: '00000000-0000-4000-8000-00000000abcd' })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
