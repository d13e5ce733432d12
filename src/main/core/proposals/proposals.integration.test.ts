import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { PolicyViolation, ProposalChange } from '../../../shared/models/runs';
import { createAuditLog, type AuditLog } from '../audit';
import { createCodexService } from '../codex';
import { createJobRunner } from '../jobs';
import { createExactVectorStore, createMemory } from '../memory';
import { mathRandom, systemTimers } from '../platform/clock';
import { silentLogger } from '../platform/logger';
import { createSnapshotRepo, createSnapshotService } from '../snapshots';
import { createFixture, type Fixture } from '../testing/domain-fixture';
import { createProposalService, type ProposalInput, type ProposalService } from './index';

/** A policy double: blocks any text holding "forbidden" (as the policy file's blocked-words rule would). */
const wordPolicy = {
  check(change: ProposalChange): PolicyViolation[] {
    const text = change.type === 'memory' ? change.content : change.type === 'codex' ? `${change.after.description} ${Object.values(change.after.fields).join(' ')}` : change.after;
    return /\bforbidden\b/iu.test(text) ? [{ rule: 'no-forbidden', message: 'It uses the word “forbidden”.', blocking: true }] : [];
  },
};

const RUN = '11111111-1111-4111-8111-111111111111';
const OTHER_RUN = '22222222-2222-4222-8222-222222222222';

describe('proposals (real SQLite)', () => {
  let fx: Fixture;
  let service: ProposalService;
  let audit: AuditLog;
  let projectId: string;
  let changedRuns: string[];
  let closeMemory: () => void;
  /** Set: the next scene save commits, then fails as if the core stopped right after it. */
  let stopAfterSave: boolean;

  beforeEach(() => {
    fx = createFixture();
    const logger = silentLogger();
    // The runner is never started: memory's indexing jobs are queued, not run (no model here).
    const jobs = createJobRunner({ database: fx.database, events: fx.events, clock: fx.clock, ids: fx.ids, logger, timers: systemTimers, random: mathRandom });
    const memory = createMemory({
      database: fx.database,
      events: fx.events,
      clock: fx.clock,
      ids: fx.ids,
      logger,
      jobs,
      vectors: createExactVectorStore(fx.database.sqlite),
      embed: () => Promise.reject(new Error('no embedding model in this test')),
      projectTitle: (id) => fx.projects.findLive(id)?.title ?? null,
    });
    closeMemory = memory.close;
    const base = { database: fx.database, events: fx.events, clock: fx.clock, ids: fx.ids, projects: fx.projects };
    audit = createAuditLog(base);
    changedRuns = [];
    stopAfterSave = false;
    service = createProposalService({
      ...base,
      manuscript: {
        ...fx.manuscript,
        async saveScene(input) {
          const saved = await fx.manuscript.saveScene(input);
          if (!stopAfterSave) return saved;
          stopAfterSave = false;
          throw new Error('the core stopped');
        },
      },
      codex: createCodexService({ ...base, codex: fx.codex }),
      memories: memory.service,
      snapshots: createSnapshotService({ ...base, chapters: fx.chapters, scenes: fx.scenes, snapshots: createSnapshotRepo(fx.database.orm) }),
      policy: wordPolicy,
      audit,
      projectExists: (id) => fx.projects.findLive(id) !== undefined,
      runTitle: (runId) => (runId === RUN ? 'Draft chapter 4' : null),
      onRunProposalsChanged: (runId) => changedRuns.push(runId),
    });
    projectId = fx.addProject();
  });
  afterEach(() => {
    closeMemory();
    fx.close();
  });

  const sceneRow = (id: string) => fx.database.sqlite.prepare('select content, revision, word_count as words from scenes where id = ?').get(id) as { content: string; revision: number; words: number };
  const counts = () => ({
    scenes: fx.count('scenes'),
    codex: fx.count('codex_entries'),
    memories: fx.count('memory_entries'),
    snapshots: fx.count('snapshots'),
  });
  const sceneText = (sceneId: string, before: string, after: string): ProposalChange => ({ type: 'scene-text', sceneId, sceneTitle: 'Dock', baseRevision: sceneRow(sceneId).revision, before, after });
  const proposal = (change: ProposalChange, key = 'k1', extra: Partial<ProposalInput> = {}): ProposalInput => ({
    runId: RUN,
    projectId,
    stepKey: 'draft#0',
    agentId: 'writer',
    key,
    change,
    ...extra,
  });
  const withDock = () => {
    const chapter = fx.addChapter(projectId, 'Arrival', { Dock: 'The ship came in.' });
    return { chapterId: chapter.chapterId, sceneId: chapter.sceneIds[0] ?? '' };
  };

  it('propose is idempotent: the same run, step and key is one row; a pending one is updated, a decided one left alone', async () => {
    const { sceneId } = withDock();
    const first = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    const again = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    expect(again).toEqual(first);
    expect(fx.count('agent_proposals')).toBe(1);
    expect(changedRuns).toEqual([RUN]);

    const updated = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The forbidden ship came in.')));
    expect(updated.id).toBe(first.id);
    expect(updated.change).toMatchObject({ after: 'The forbidden ship came in.' });
    expect(updated.violations).toEqual([{ rule: 'no-forbidden', message: 'It uses the word “forbidden”.', blocking: true }]);
    expect(changedRuns).toEqual([RUN, RUN]);

    // Another key, step or run is another proposal.
    service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'x'), 'k2'));
    service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'x'), 'k1', { stepKey: 'draft#1' }));
    service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'x'), 'k1', { runId: OTHER_RUN }));
    expect(fx.count('agent_proposals')).toBe(4);

    await service.reject(first.id);
    const afterDecision = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'Something else entirely.')));
    expect(afterDecision).toMatchObject({ id: first.id, status: 'rejected', change: { after: 'The forbidden ship came in.' } });
    expect(service.forRun(RUN).map((p) => p.key)).toEqual(['k1', 'k2', 'k1']);
    expect(audit.search({ runId: RUN, action: 'propose' })).toHaveLength(4);
    expect(audit.search({ runId: RUN, action: 'propose', query: 'forbidden' })[0]).toMatchObject({ status: 'blocked', stepKey: 'draft#0', agentId: 'writer' });
  });

  it('approves a scene change once: new paragraphs through autosave, one revision, the scene.saved event', async () => {
    const { sceneId } = withDock();
    const before = sceneRow(sceneId);
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.\n\nGulls followed it.')));
    const [a, b] = await Promise.all([service.approve({ id: p.id }), service.approve({ id: p.id })]);
    const retried = await service.approve({ id: p.id });

    expect(a).toMatchObject({ status: 'applied', edited: null });
    expect(b).toEqual(a);
    expect(retried).toEqual(a);
    expect(fx.textOf(sceneId)).toBe('The ship came in at dawn.\n\nGulls followed it.');
    const after = sceneRow(sceneId);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.words).toBe(9);
    expect(JSON.parse(after.content)).toMatchObject({ content: [{ type: 'paragraph' }, { type: 'paragraph' }] });
    expect(fx.emitted.filter((e) => e.name === 'scene.saved')).toHaveLength(1);
    expect(audit.search({ runId: RUN }).map((e) => e.action)).toEqual(['apply', 'approve', 'propose']);
  });

  it('approves with the writer’s edit, checking the policy on the edit', async () => {
    const { sceneId } = withDock();
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The forbidden ship came in.')));
    expect(p.violations).toHaveLength(1);

    const refused = await service.approve({ id: p.id }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: ErrorCode.POLICY_BLOCKED,
      message: 'The content policy blocks this proposal: It uses the word “forbidden”. Edit it so it keeps the rules, or reject it.',
    });
    const stillForbidden = await service.approve({ id: p.id, edited: { ...p.change, after: 'Still forbidden.' } as ProposalChange }).catch((error: unknown) => error);
    expect(stillForbidden).toMatchObject({ code: ErrorCode.POLICY_BLOCKED });
    expect(fx.textOf(sceneId)).toBe('The ship came in.');
    expect(counts().snapshots).toBe(0);

    // An edit may only change what is written, never where: the scene id of the edit is ignored.
    const edit = { ...p.change, sceneId: '99999999-9999-4999-8999-999999999999', after: 'The grey ship came in.' } as ProposalChange;
    const approved = await service.approve({ id: p.id, edited: edit });
    expect(approved).toMatchObject({ status: 'applied', violations: [], edited: { sceneId, after: 'The grey ship came in.' } });
    expect(fx.textOf(sceneId)).toBe('The grey ship came in.');
    expect(audit.search({ runId: RUN }).map((e) => [e.action, e.status])).toEqual([
      ['apply', 'ok'],
      ['edit', 'ok'],
      ['edit', 'blocked'],
      ['approve', 'blocked'],
      ['propose', 'blocked'],
    ]);

    const other = service.propose(proposal(sceneText(sceneId, 'The grey ship came in.', 'x'), 'k2'));
    await expect(service.approve({ id: other.id, edited: { type: 'memory', kind: 'core', content: 'x', markers: [] } })).rejects.toMatchObject({
      code: ErrorCode.INVALID_INPUT,
      message: 'An edit must change the same thing as the proposal (a scene’s text), not a memory.',
    });
    expect(service.forRun(RUN)[1]).toMatchObject({ status: 'pending' });
  });

  it('rejects: nothing changes and the scene stays byte-identical', async () => {
    const { sceneId } = withDock();
    const before = sceneRow(sceneId);
    const countsBefore = counts();
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'Another text.')));
    const rejected = await service.reject(p.id);
    expect(rejected).toMatchObject({ status: 'rejected', decidedAt: expect.any(Number) });
    expect(sceneRow(sceneId)).toEqual(before);
    expect(counts()).toEqual(countsBefore);
    expect(await service.reject(p.id)).toEqual(rejected);
    await expect(service.approve({ id: p.id })).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    expect(audit.search({ runId: RUN, action: 'reject' })).toHaveLength(1);
    expect(changedRuns).toEqual([RUN, RUN]);
  });

  it('puts a scene change in conflict when the scene changed since, writing nothing', async () => {
    const { sceneId } = withDock();
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    await fx.write(sceneId, 'The writer rewrote this.');
    const before = sceneRow(sceneId);

    const result = await service.approve({ id: p.id });
    expect(result).toMatchObject({ status: 'conflict', note: 'The scene “Dock” changed since the agent proposed this; nothing was written. Ask again for a proposal on its current text.' });
    expect(sceneRow(sceneId)).toEqual(before);
    expect(counts().snapshots).toBe(0);
    await expect(service.approve({ id: p.id })).rejects.toMatchObject({ code: ErrorCode.CONFLICT, message: result.note });
    expect(audit.search({ runId: RUN, action: 'apply' })[0]).toMatchObject({ status: 'error', output: { note: result.note } });
    // A conflicting proposal can be dismissed.
    expect(await service.reject(p.id)).toMatchObject({ status: 'rejected' });
  });

  it('finishes an approval cut short after its save without saving twice', async () => {
    const { sceneId } = withDock();
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    const revision = sceneRow(sceneId).revision;
    stopAfterSave = true;
    await expect(service.approve({ id: p.id })).rejects.toThrow('the core stopped');
    expect(service.forRun(RUN)[0]).toMatchObject({ status: 'pending' });
    expect(sceneRow(sceneId).revision).toBe(revision + 1);

    expect(await service.approve({ id: p.id })).toMatchObject({ status: 'applied' });
    expect(sceneRow(sceneId).revision).toBe(revision + 1);
    expect(fx.textOf(sceneId)).toBe('The ship came in at dawn.');
    expect(counts().snapshots).toBe(1);
  });

  it('keeps the change being approved when the step proposes again meanwhile (a node that ran again)', async () => {
    const { sceneId } = withDock();
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    const approving = service.approve({ id: p.id });
    const reproposed = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'A different draft.')));
    expect(reproposed.change).toMatchObject({ after: 'The ship came in at dawn.' });
    expect(await approving).toMatchObject({ status: 'applied', change: { after: 'The ship came in at dawn.' } });
    expect(fx.textOf(sceneId)).toBe('The ship came in at dawn.');
  });

  it('does not take a scene that merely holds the proposed text for an applied proposal', async () => {
    const { sceneId } = withDock();
    const p = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    await fx.write(sceneId, 'The ship came in at dawn.');
    expect(await service.approve({ id: p.id })).toMatchObject({ status: 'conflict' });
  });

  it('takes one project snapshot before a run’s first applied change, labelled after the run', async () => {
    const { sceneId, chapterId } = withDock();
    const first = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'The ship came in at dawn.')));
    const second = service.propose(proposal({ type: 'new-scene', chapterId, chapterTitle: 'Arrival', title: 'Harbour', after: 'Ropes and tar.' }, 'k2'));
    const elsewhere = service.propose(proposal({ type: 'memory', kind: 'core', content: 'Mara fears the sea.', markers: ['character:Mara'] }, 'k1', { runId: OTHER_RUN }));

    await service.approve({ id: first.id });
    const snapshots = fx.database.sqlite.prepare('select label, payload from snapshots order by created_at').all() as { label: string; payload: string }[];
    expect(snapshots.map((row) => row.label)).toEqual(['Before “Draft chapter 4” — agent changes']);
    // It holds the book as it was before the change.
    expect(snapshots[0]?.payload).toContain('The ship came in.');
    expect(snapshots[0]?.payload).not.toContain('at dawn');

    await service.approve({ id: second.id });
    expect(counts().snapshots).toBe(1);
    await service.approve({ id: elsewhere.id });
    expect((fx.database.sqlite.prepare('select label from snapshots order by created_at').all() as { label: string }[]).map((row) => row.label)).toEqual([
      'Before “Draft chapter 4” — agent changes',
      'Before an agent run’s changes',
    ]);
  });

  it('adds a new scene to its chapter once, and a conflict when the chapter is gone', async () => {
    const { chapterId } = withDock();
    const p = service.propose(proposal({ type: 'new-scene', chapterId, chapterTitle: 'Arrival', title: 'Harbour', after: 'Ropes and tar.\n\nA bell.' }));
    const before = counts();
    await Promise.all([service.approve({ id: p.id }), service.approve({ id: p.id })]);
    expect(counts()).toEqual({ ...before, scenes: before.scenes + 1, snapshots: 1 });
    const harbour = fx.manuscript.outline(projectId).chapters[0]?.scenes.at(-1);
    expect(harbour).toMatchObject({ title: 'Harbour', wordCount: 5, position: 1 });
    expect(fx.textOf(harbour?.id ?? '')).toBe('Ropes and tar.\n\nA bell.');
    expect(audit.search({ runId: RUN, action: 'apply' })[0]?.output).toEqual({ sceneId: harbour?.id, chapterId, revision: 0 });

    const other = fx.addChapter(projectId, 'Gone');
    const lost = service.propose(proposal({ type: 'new-scene', chapterId: other.chapterId, chapterTitle: 'Gone', title: 'Lost', after: 'x' }, 'k2'));
    fx.manuscript.deleteChapter(other.chapterId);
    const countsBefore = counts();
    expect(await service.approve({ id: lost.id })).toMatchObject({ status: 'conflict', note: 'The chapter “Gone” was deleted since the agent proposed this scene; nothing was written.' });
    expect(counts()).toEqual(countsBefore);
  });

  it('creates and updates codex entries, fields merged as approved, once', async () => {
    const created = service.propose(
      proposal({ type: 'codex', entryId: null, kind: 'character', name: 'Mara', before: null, after: { description: 'A smuggler.', fields: { Age: '34', Secret: 'She sank the ship.' } } }),
    );
    await service.approve({ id: created.id });
    await service.approve({ id: created.id });
    const [mara] = fx.codex.listLive(projectId);
    expect(fx.count('codex_entries')).toBe(1);
    expect(mara).toMatchObject({ name: 'Mara', kind: 'character', description: 'A smuggler.' });
    const entryId = mara?.id ?? '';

    // The writer adds a field; the agent's update keeps it, changes Age, removes Secret (approved empty).
    fx.codex.update(entryId, { profile: { Age: '34', Secret: 'She sank the ship.', Eyes: 'grey' } }, fx.clock.now());
    const update = service.propose(
      proposal(
        { type: 'codex', entryId, kind: 'character', name: 'Mara', before: { description: 'A smuggler.', fields: { Age: '34', Secret: 'She sank the ship.' } }, after: { description: 'A smuggler and a liar.', fields: { Age: '35', Secret: '' } } },
        'k2',
      ),
    );
    const edited = await service.approve({ id: update.id, edited: { ...update.change, after: { description: 'A smuggler, and a good liar.', fields: { Age: '35', Secret: '' } } } as ProposalChange });
    expect(edited).toMatchObject({ status: 'applied', edited: { after: { description: 'A smuggler, and a good liar.' } } });
    const entry = fx.codex.listLive(projectId)[0];
    expect(entry).toMatchObject({ description: 'A smuggler, and a good liar.' });
    expect(JSON.parse(entry?.profile ?? '{}')).toEqual({ Age: '35', Eyes: 'grey' });
    expect(fx.count('codex_entries')).toBe(1);
    expect(audit.search({ runId: RUN }).map((e) => e.action)).toEqual(['apply', 'edit', 'propose', 'apply', 'approve', 'propose']);
  });

  it('puts a codex change in conflict when the writer changed the same field since', async () => {
    const { id: entryId } = createCodexEntry();
    const p = service.propose(
      proposal({ type: 'codex', entryId, kind: 'character', name: 'Mara', before: { description: 'A smuggler.', fields: { Age: '34' } }, after: { description: 'A smuggler.', fields: { Age: '35' } } }),
    );
    fx.codex.update(entryId, { profile: { Age: '40' } }, fx.clock.now());
    const countsBefore = counts();
    expect(await service.approve({ id: p.id })).toMatchObject({ status: 'conflict', note: '“Mara” was edited since the agent proposed this (Age); nothing was written.' });
    expect(counts()).toEqual(countsBefore);
    expect(JSON.parse(fx.codex.listLive(projectId)[0]?.profile ?? '{}')).toEqual({ Age: '40' });
  });

  it('adds a memory scoped to the agent with the run as its source, once; refuses an invalid one with a sentence', async () => {
    const p = service.propose(proposal({ type: 'memory', kind: 'core', content: 'Mara fears the sea.', markers: ['character:Mara'] }, 'k1', { agentId: 'character_architect' }));
    await Promise.all([service.approve({ id: p.id }), service.approve({ id: p.id })]);
    await service.approve({ id: p.id });
    expect(fx.count('memory_entries')).toBe(1);
    const memory = fx.database.sqlite.prepare('select kind, content, agent_scope as scope, source_type as type, source_id as source from memory_entries').get();
    expect(memory).toEqual({ kind: 'core', content: 'Mara fears the sea.', scope: '["character_architect"]', type: 'run', source: RUN });

    const bad = service.propose(proposal({ type: 'memory', kind: 'gossip', content: 'x', markers: [] }, 'k2'));
    await expect(service.approve({ id: bad.id })).rejects.toMatchObject({
      code: ErrorCode.INVALID_INPUT,
      message: 'This proposal cannot be applied: the memory’s kind “gossip” is not one of core, episodic or associative. Edit it, or reject it.',
    });
    expect(service.forRun(RUN)[1]).toMatchObject({ status: 'pending' });
    expect(fx.count('memory_entries')).toBe(1);
  });

  it('lists a project’s inbox oldest first, filtered by status; unknown ids are NOT_FOUND', async () => {
    const { sceneId } = withDock();
    const a = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'A.')));
    fx.advance();
    const b = service.propose(proposal(sceneText(sceneId, 'The ship came in.', 'B.'), 'k2'));
    await service.reject(a.id);
    expect(service.list({ projectId }).map((p) => p.id)).toEqual([a.id, b.id]);
    expect(service.list({ projectId, statuses: ['pending'] }).map((p) => p.id)).toEqual([b.id]);
    const unknown = '99999999-9999-4999-8999-999999999999';
    expect(() => service.list({ projectId: unknown })).toThrow(expect.objectContaining({ code: ErrorCode.NOT_FOUND }));
    await expect(service.approve({ id: unknown })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(service.reject(unknown)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(() => service.propose(proposal(sceneText(sceneId, 'x', 'y'), 'k3', { projectId: unknown }))).toThrow(expect.objectContaining({ code: ErrorCode.NOT_FOUND }));
  });

  function createCodexEntry() {
    const now = fx.clock.now();
    const id = fx.ids.newId();
    fx.codex.insert({ id, projectId, kind: 'character', name: 'Mara', aliases: [], description: 'A smuggler.', profile: { Age: '34' }, createdAt: now, updatedAt: now });
    return { id };
  }
});
