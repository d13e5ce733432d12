import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countWords } from '../../shared/text/word-count';
import { createCore, type Core } from '.';
import { openDatabase } from './db/connection';
import { plainTextToDocument } from './manuscript';
import { silentLogger } from './platform/logger';

const TEXT = 'A well-known sister-in-law met Борис in 東京 at 10:30.';

let dir: string;
let core: Core | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-recount-'));
});
afterEach(() => {
  core?.close();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

const start = () => createCore({ dataDir: dir, logger: silentLogger(), textWorker: null });

/**
 * Rewrites the stored count as an older release would have left it, outside the core (through
 * openDatabase: it gives the connection the functions the sync triggers call).
 */
function storeCount(words: number, options: { forgetCounter: boolean }) {
  const db = openDatabase({ file: path.join(dir, 'nova.db') });
  db.sqlite.prepare('update scenes set word_count = ?').run(words);
  if (options.forgetCounter) db.sqlite.prepare("delete from settings where key = 'manuscript.wordCounter'").run();
  db.close();
}

describe('word counts stored by an earlier counter', () => {
  it('are counted again once, when the core first starts with the current counter', async () => {
    core = start();
    const project = core.services.projects.create({ title: 'Old', description: '', genre: '', tone: '', status: 'drafting', wordGoal: 0 });
    const scene = core.services.manuscript.outline(project.id).chapters[0]?.scenes[0];
    if (!scene) throw new Error('no scene');
    await core.services.manuscript.saveScene({ id: scene.id, content: plainTextToDocument(TEXT), baseRevision: 0 });
    core.close();

    // As left by a release that counted with Intl.Segmenter.
    storeCount(17, { forgetCounter: true });
    core = start();
    expect(core.services.manuscript.outline(project.id).wordCount).toBe(countWords(TEXT));
    core.close();

    // Counted already: later starts do not read every scene again.
    storeCount(17, { forgetCounter: false });
    core = start();
    expect(core.services.manuscript.outline(project.id).wordCount).toBe(17);
  });
});
