import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocNode } from '../../shared/models/document';
import { SCENE_MAX_BYTES } from '../../shared/text/scene-size';
import type { Core } from '../core';
import type { Handler } from '../core/handlers';
import { startBrowserModeFixture, type BrowserModeFixture } from '../testing/browser-mode-fixture';
import { connectWsClient, type WsTestClient } from '../testing/ws-client';
import type { BrowserModeServer } from './server';

let fixture: BrowserModeFixture;
let core: Core;
let web: BrowserModeServer;
/** The order in which wrapped handlers finished. */
const finished: string[] = [];
let saveStarted: () => void = () => undefined;

/** Records when a handler finishes (and, for saves, when one starts), without changing what it does. */
function watch(method: 'scene.save' | 'project.get'): void {
  const handlers = core.handlers as unknown as Record<string, Handler<typeof method>>;
  const original = handlers[method];
  if (!original) throw new Error(`no handler for ${method}`);
  handlers[method] = async (input, context) => {
    if (method === 'scene.save') saveStarted();
    const output = await original(input as never, context);
    finished.push(method);
    return output;
  };
}

beforeAll(async () => {
  fixture = await startBrowserModeFixture({
    // Handlers are wrapped before the server starts, so every call goes through the wrappers.
    beforeStart: (startedCore) => {
      core = startedCore;
      watch('scene.save');
      watch('project.get');
    },
  });
  web = fixture.web;
});
afterAll(() => fixture.close());

const VOCABULARY = ['the', 'keeper', 'climbed', 'lantern', 'harbour', 'storm', 'letter', 'mother', 'orchard', 'silver'];

/** A manuscript pasted into one scene: `words` words in paragraphs of 100. */
function manuscript(words: number, extra = ''): DocNode {
  const paragraphs: DocNode[] = [];
  for (let start = 0; start < words; start += 100) {
    const line = Array.from({ length: Math.min(100, words - start) }, (_, i) => VOCABULARY[(start + i) % VOCABULARY.length]).join(' ');
    paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: line }] });
  }
  if (extra) paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: extra }] });
  return { type: 'doc', content: paragraphs };
}

async function firstScene(client: WsTestClient, title: string) {
  const project = await client.call('project.create', { title });
  const scene = (await client.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0];
  if (!scene) throw new Error('a new project starts with a scene');
  return { project, scene };
}

describe('a very long scene', () => {
  it('is saved while another client’s small call, sent after the save began, is answered first', async () => {
    const writer = await connectWsClient(web.origin, web.token);
    const other = await connectWsClient(web.origin, web.token);
    const { project, scene } = await firstScene(writer, 'Pasted manuscript');
    finished.length = 0;

    const began = new Promise<void>((resolve) => {
      saveStarted = resolve;
    });
    const save = writer.raw('scene.save', { id: scene.id, content: manuscript(300_000, 'a zeppelin'), baseRevision: 0 });
    await began;
    const small = await other.call('project.get', { id: project.id });
    expect(small.title).toBe('Pasted manuscript');
    expect(await save).toMatchObject({ ok: true, data: { wordCount: 300_002, revision: 1 } });
    expect(finished).toEqual(['project.get', 'scene.save']);

    // Stored, counted and indexed like any scene.
    expect((await other.call('outline.get', { projectId: project.id })).wordCount).toBe(300_002);
    expect(await other.call('search.query', { projectId: project.id, query: 'zeppelin' })).toHaveLength(1);
    writer.close();
    other.close();
  });

  it('above the size limit is refused with SCENE_TOO_LARGE and a sentence saying to split it; nothing changes', async () => {
    const client = await connectWsClient(web.origin, web.token);
    const { project, scene } = await firstScene(client, 'Too long');
    await client.call('scene.save', { id: scene.id, content: manuscript(100, 'kept'), baseRevision: 0 });

    const words = Math.ceil(SCENE_MAX_BYTES / 7 / 100) * 100 + 10_000; // ~7 bytes a word: just over the limit
    const result = await client.raw('scene.save', { id: scene.id, content: manuscript(words), baseRevision: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'SCENE_TOO_LARGE', retryable: false } });
    if (!result.ok) expect(result.error.message).toMatch(/^This scene is too large to save \(\d+(\.\d)? MB, the limit is 8 MB\): split it into smaller scenes\.$/);

    // The connection is still there, and the stored text is what it was.
    const stored = await client.call('scene.get', { id: scene.id });
    expect(stored).toMatchObject({ revision: 1, wordCount: 101 });
    expect((await client.call('outline.get', { projectId: project.id })).wordCount).toBe(101);
    client.close();
  });
});
