import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/models/sync';
import { doc } from '../../../testing/test-core';
import { syncedContents } from '../../../testing/sync-convergence';
import {
  joinAccount,
  scanStoredBytes,
  setUpFirstDevice,
  syncAll,
  type SyncClient,
} from '../../../testing/sync-clients';
import { syncTestbed } from '../../../testing/sync-testbed';

const { cloud, client } = syncTestbed();
const email = 'writer@example.com';


/** A chat message written as the chat service writes one (chat.send needs a model). */
function addChatMessage(device: SyncClient, sessionId: string, id: string, content: string) {
  device.database.sqlite
    .prepare("INSERT INTO chat_messages (id, session_id, sort_key, role, content, status, created_at) VALUES (?, ?, ?, 'user', ?, 'complete', ?)")
    .run(id, sessionId, `000000000000001-000000-${id}`, content, Date.now());
}

async function sceneText(device: SyncClient, sceneId: string): Promise<string> {
  const scene = await device.call('scene.get', { id: sceneId });
  return JSON.stringify(scene.content);
}

async function writeBook(device: SyncClient, marks: { title: string; text: string; codex: string; chat: string }) {
  const project = await device.call('project.create', { title: marks.title });
  const chapter = await device.call('chapter.create', { projectId: project.id, title: 'Chapter one' });
  const scene = await device.call('scene.create', { chapterId: chapter.id, title: 'Opening' });
  await device.call('scene.update', { id: scene.id, synopsis: 'Where it starts' });
  const saved = await device.call('scene.save', { id: scene.id, content: doc('The first paragraph.', marks.text), baseRevision: scene.revision });
  await device.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara', description: marks.codex });
  const session = await device.call('chat.create', { projectId: project.id, title: 'Ideas' });
  addChatMessage(device, session.id, 'message-1', marks.chat);
  return { project, chapter, scene, revision: saved.revision, session };
}

describe('the sync engine through the real endpoint', () => {
  it('two devices end with identical projects, chapters, scenes (metadata and text), codex and chat', async () => {
    const [a, b] = [client('Laptop'), client('Desktop')];
    await setUpFirstDevice(a, cloud().url, email);
    const book = await writeBook(a, { title: 'The Salt Road', text: 'Waves at dusk.', codex: 'A sailor.', chat: 'What if the ship sinks?' });
    await joinAccount(b, cloud().url, email);
    await syncAll([a, b]);

    expect(syncedContents(b)).toEqual(syncedContents(a));
    // b took a whole-database snapshot before applying a's changes.
    expect(readdirSync(path.join(b.dataDir, 'sync-snapshots')).filter((name) => name.endsWith('.db')).length).toBeGreaterThan(0);
    expect(await sceneText(b, book.scene.id)).toEqual(await sceneText(a, book.scene.id));
    expect(await sceneText(b, book.scene.id)).toContain('Waves at dusk.');
    expect(syncedContents(b).chat_messages?.join()).toContain('What if the ship sinks?');

    // Edits on b come back to a.
    await b.call('codex.update', { id: (await b.call('codex.list', { projectId: book.project.id }))[0]?.id ?? '', description: 'A sailor who cannot swim.' });
    await syncAll([b, a]);
    expect(syncedContents(a)).toEqual(syncedContents(b));
    const status = await a.call('sync.status', {});
    expect(status).toMatchObject({ phase: 'synced', pendingChanges: 0, problem: null });
  }, 60_000);

  it('keeps both sides of concurrent offline edits of one scene, on three devices', async () => {
    const [a, b, c] = [client('A'), client('B'), client('C')];
    await setUpFirstDevice(a, cloud().url, email);
    const book = await writeBook(a, { title: 'Three', text: 'Middle.', codex: 'x', chat: 'y' });
    await joinAccount(b, cloud().url, email);
    await joinAccount(c, cloud().url, email);
    await syncAll([a, b, c]);

    const onA = await a.call('scene.get', { id: book.scene.id });
    const onB = await b.call('scene.get', { id: book.scene.id });
    await a.call('scene.save', { id: book.scene.id, content: doc('Opening from A.', 'The first paragraph.', 'Middle.'), baseRevision: onA.revision });
    await b.call('scene.save', { id: book.scene.id, content: doc('The first paragraph.', 'Middle.', 'Ending from B.'), baseRevision: onB.revision });
    await b.call('scene.update', { id: book.scene.id, title: 'Renamed on B' });
    await syncAll([a, b, c]);

    const texts = await Promise.all([a, b, c].map((device) => sceneText(device, book.scene.id)));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('Opening from A.');
    expect(texts[0]).toContain('Ending from B.');
    expect(syncedContents(c)).toEqual(syncedContents(a));
    expect(syncedContents(b)).toEqual(syncedContents(a));
    expect((await c.call('scene.get', { id: book.scene.id })).title).toBe('Renamed on B');
  }, 60_000);

  it('stores only ciphertext: canaries in titles, scene text, codex and chat are nowhere in the server’s bytes', async () => {
    const [a, b] = [client('A'), client('B')];
    await setUpFirstDevice(a, cloud().url, email);
    const marks = { title: 'CANARY-TITLE-7f3a91', text: 'CANARY-SCENE-TEXT-2b8c44', codex: 'CANARY-CODEX-9d1e07', chat: 'CANARY-CHAT-5a6f22' };
    await writeBook(a, marks);
    await joinAccount(b, cloud().url, email);
    await syncAll([a, b]);
    expect(JSON.stringify(syncedContents(b))).toContain(marks.title);
    expect(scanStoredBytes(cloud().dataDir, [...Object.values(marks), 'writer@example.com'.replace('@example.com', '-never')])).toEqual([]);
  }, 60_000);

  it('syncs by itself after a local change (debounced) and says so with sync.changed', async () => {
    const a = client('A', { sync: { debounceMs: 10 } });
    await setUpFirstDevice(a, cloud().url, email);
    await a.call('sync.now', {});
    const seen: SyncStatus[] = [];
    const synced = new Promise<void>((resolve) => {
      a.core.events.subscribe((name, payload) => {
        if (name !== 'sync.changed') return;
        const status = payload as SyncStatus;
        seen.push(status);
        if (status.phase === 'synced' && status.pendingChanges === 0 && seen.some((s) => s.phase === 'syncing')) resolve();
      });
    });
    await a.call('project.create', { title: 'Picked up without sync.now' });
    await synced;
    expect(seen.some((status) => status.progress?.stage === 'push')).toBe(true);
    const b = client('B');
    await joinAccount(b, cloud().url, email);
    await syncAll([b], 1);
    expect(JSON.stringify(syncedContents(b).projects)).toContain('Picked up without sync.now');
  }, 60_000);
});
