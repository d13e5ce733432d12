import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodexEntry } from '../../../shared/models/codex';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';
import { openDatabase, type AppDatabase } from '../db/connection';
import { randomIds, systemClock } from '../platform/clock';
import type { AssociativeLink } from './associative-memory';
import { createSceneCheck } from './continuity-check';
import { createContinuityRepo } from './continuity.repo';
import type { ExtractedFact, FactExtractor } from './fact-extractor';

/*
 * One scene check over a real database with a scripted extractor: a fact naming another codex
 * entry becomes an associative link (both markers), never a contradiction, and a re-check
 * replaces the scene's links and facts instead of adding to them.
 */

let t: TestCore;
let database: AppDatabase;

beforeEach(() => {
  t = createTestCore();
  database = openDatabase({ file: t.core.info.dbFile });
});
afterEach(() => {
  database.close();
  t.dispose();
});

const direct = { transport: 'direct' } as const;

describe('a scene check', () => {
  it('remembers a relationship between two entries as an associative link, replaced on every check', async () => {
    const project = await t.call('project.create', { title: 'The Salt Road' });
    const sceneId = (await t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id as string;
    await t.call('scene.save', { id: sceneId, content: doc('Tomas watched Mara, his sister, climb the stairs.'), baseRevision: 0 });
    const mara = await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara' });
    const tomas = await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Tomas' });
    const seen: Array<{ sceneId: string; links: readonly AssociativeLink[] }> = [];
    const asked: string[][] = [];
    const extractor: FactExtractor = {
      extract: (input) => {
        asked.push(input.entries.map((e) => e.name));
        const fact: ExtractedFact = { entry: input.entries.find((e) => e.id === tomas.id) as CodexEntry, attribute: 'Sister', value: 'Mara', quote: 'Tomas watched Mara, his sister, climb the stairs' };
        return Promise.resolve([fact]);
      },
    };
    const repo = createContinuityRepo(database.orm);
    const check = createSceneCheck({
      database,
      repo,
      manuscript: t.core.services.manuscript,
      codex: { list: (projectId) => t.core.handlers['codex.list']({ projectId }, direct) as CodexEntry[] },
      projectTitle: () => 'The Salt Road',
      extractor,
      memory: { replaceSceneLinks: (_projectId, id, links) => seen.push({ sceneId: id, links }) },
      clock: systemClock,
      ids: randomIds,
    });

    const first = await check(sceneId, new AbortController().signal);
    await check(sceneId, new AbortController().signal);

    expect(asked[0]?.sort()).toEqual(['Mara', 'Tomas']);
    expect(first).toMatchObject({ facts: 0, opened: 0, closed: 0 });
    const link = { content: 'Tomas — sister — Mara', markers: ['character:Tomas', 'character:Mara'], range: { from: 0, to: 48 } };
    expect(seen).toEqual([
      { sceneId, links: [link] },
      { sceneId, links: [link] },
    ]);
    expect(repo.listIssues(project.id, 'all')).toEqual([]);
    expect(mara.id).not.toBe(tomas.id);
  });
});
