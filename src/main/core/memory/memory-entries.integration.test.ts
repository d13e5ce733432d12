import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import type { TestCore } from '../../testing/test-core';
import { bookWith, inspectDatabase, settleJobs } from '../../testing/memory-test-setup';

let ai: AiTestCore;
let t: TestCore;

beforeEach(async () => {
  ai = await startAiTestCore({ ollamaModels: ['llama3.2:latest', 'nomic-embed-text:latest'], config: () => ({ memory: { indexDelayMs: 0 } }) });
  ({ t } = ai);
});

afterEach(() => ai.close());

describe('memory entries', () => {
  it('lists with filters, pinned first then newest, and keeps markers unique', async () => {
    const project = await t.call('project.create', { title: 'Entries' });
    const create = (content: string, extra: Record<string, unknown> = {}) => t.call('memory.create', { projectId: project.id, kind: 'core', content, ...extra });
    const a = await create('Writer prefers British spelling.', { markers: ['style:spelling', 'style:spelling'] });
    const b = await create('Scene 3 ends at dawn.', { kind: 'episodic', markers: ['chapter:1'], agentScope: ['editor'] });
    const c = await create('Mara — sister of — Tomas', { kind: 'associative', markers: ['character:Mara', 'character:Tomas'] });
    expect(a).toMatchObject({ version: 1, pinned: false, archived: false, markers: ['style:spelling'], agentScope: ['*'], source: { type: 'writer', id: null, range: null } });

    await t.call('memory.setPinned', { id: b.id, pinned: true });
    await t.call('memory.setArchived', { id: a.id, archived: true });
    const list = (query: Record<string, unknown> = {}) => t.call('memory.list', { projectId: project.id, ...query }).then((rows) => rows.map((row) => row.id));
    expect(await list()).toEqual([b.id, c.id]);
    // Archiving is a change: the archived memory is the newest.
    expect(await list({ includeArchived: true })).toEqual([b.id, a.id, c.id]);
    expect(await list({ kinds: ['associative'] })).toEqual([c.id]);
    expect(await list({ markers: ['character:Mara', 'character:Tomas'] })).toEqual([c.id]);
    expect(await list({ markers: ['character:Mara', 'chapter:1'] })).toEqual([]);
    expect(await list({ agent: 'editor' })).toEqual([b.id, c.id]);
    expect(await list({ agent: 'continuity' })).toEqual([c.id]);
    expect(await list({ sourceTypes: ['chat'] })).toEqual([]);

    const refused = await t.raw('memory.create', { projectId: project.id, kind: 'core', content: 'x', markers: ['no colon'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const missing = await t.raw('memory.list', { projectId: '99999999-9999-4999-8999-999999999999' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps every earlier version on edits, and an unchanged edit makes no version', async () => {
    const project = await t.call('project.create', { title: 'Versions' });
    const memory = await t.call('memory.create', { projectId: project.id, kind: 'core', content: 'Mara has grey eyes.', markers: ['character:Mara'] });
    const same = await t.call('memory.update', { id: memory.id, version: 1, content: 'Mara has grey eyes.' });
    expect(same.version).toBe(1);
    await t.call('memory.update', { id: memory.id, version: 1, content: 'Mara has green eyes.' });
    const third = await t.call('memory.update', { id: memory.id, version: 2, markers: ['character:Mara', 'trait:eyes'] });
    expect(third).toMatchObject({ version: 3, content: 'Mara has green eyes.', markers: ['character:Mara', 'trait:eyes'] });
    const history = await t.call('memory.history', { id: memory.id });
    expect(history.map((v) => [v.version, v.content, v.markers])).toEqual([
      [2, 'Mara has green eyes.', ['character:Mara']],
      [1, 'Mara has grey eyes.', ['character:Mara']],
    ]);
    // The index follows the current text only.
    await settleJobs(t);
    const search = async (query: string) => (await t.call('memory.search', { projectId: project.id, query, mode: 'text' })).passages.length;
    expect(await search('green')).toBe(1);
    expect(await search('grey')).toBe(0);
  });

  it('labels codex passages, leaves trashed scenes out of search, and forgets what the trash deletes for good', async () => {
    const { project, sceneIds } = await bookWith(t, 'Trash', [
      { title: 'The Harbour', paragraphs: ['The lighthouse keeper counted the ships.'] },
      { title: 'The Wreck', paragraphs: ['The lighthouse went dark the night of the wreck.'] },
    ]);
    const codex = await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara', description: 'Keeper of the lighthouse.' });
    await t.call('memory.create', { projectId: project.id, kind: 'core', content: 'The lighthouse is on the north cape.' });
    await settleJobs(t);
    const search = () => t.call('memory.search', { projectId: project.id, query: 'lighthouse', mode: 'text' });
    const labels = (await search()).passages.map((p) => p.source.label).sort();
    expect(labels).toEqual(['Chapter 1 · The Harbour', 'Chapter 1 · The Wreck', 'Codex · Mara', 'Memory']);

    await t.call('scene.delete', { id: sceneIds[1] ?? '' });
    await t.call('codex.delete', { id: codex.id });
    expect((await search()).passages.map((p) => p.source.label).sort()).toEqual(['Chapter 1 · The Harbour', 'Memory']);

    const db = inspectDatabase(t);
    try {
      const goneScene = db.chunkIds(sceneIds[1] ?? '');
      const goneCodex = db.chunkIds(codex.id);
      expect(db.vectorRows([...goneScene, ...goneCodex])).toBe(2);
      await t.call('trash.empty', { projectId: project.id, confirm: true });
      expect(db.chunkIds(sceneIds[1] ?? '')).toEqual([]);
      expect(db.chunkIds(codex.id)).toEqual([]);
      expect(db.ftsRows([...goneScene, ...goneCodex])).toBe(0);
      expect(db.vectorRows([...goneScene, ...goneCodex])).toBe(0);

      await t.call('project.delete', { id: project.id });
      await t.call('trash.empty', { confirm: true });
      expect(db.chunks(project.id)).toBe(0);
      expect(db.vectorCount(project.id)).toBe(0);
      expect(db.count('select count(*) as n from memory_entries where project_id = ?', project.id)).toBe(0);
      expect(db.count('select count(*) as n from memory_chunk_fts')).toBe(0);
    } finally {
      db.close();
    }
  });
});
