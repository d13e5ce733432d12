import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/models/runs';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';
import { createLogger } from '../platform/logger';
import type { AuditRecord } from './audit-log';
import { REDACTED } from './audit-redact';

const RUN = '11111111-1111-4111-8111-111111111111';

let t: TestCore;
let time: number;
let logLines: Record<string, unknown>[];

beforeEach(() => {
  time = Date.UTC(2026, 10, 26, 9, 30);
  logLines = [];
  const logger = createLogger({ level: 'info', stream: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) } });
  t = createTestCore({ inMemory: true, config: { clock: { now: () => time }, textWorker: null, logger } });
});
afterEach(() => t.dispose());

const step = (projectId: string | null, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  projectId,
  runId: RUN,
  stepKey: 'beats',
  agentId: 'plot_alchemist',
  action: 'step',
  status: 'ok',
  input: { chapter_outline: 'Mara reaches the harbour at night.' },
  output: { beats: ['She sees the lighthouse.', 'Tomas waits on the pier.'] },
  model: 'ollama/llama3.2',
  promptId: 'agent-plot-beats',
  promptVersion: 2,
  traceId: 'trace-1',
  tokensIn: 120,
  tokensOut: 40,
  costUsd: 0,
  durationMs: 850,
  ...extra,
});

describe('audit log (real core, real SQLite)', () => {
  it('records agent actions and finds them by project, run, agent, action and words, newest first', async () => {
    const project = await t.call('project.create', { title: 'Harbour' });
    const other = await t.call('project.create', { title: 'Other' });
    const { audit } = t.core.services;
    audit.record(step(project.id));
    time += 1000;
    audit.record(step(project.id, { agentId: 'writer', stepKey: 'draft#0', input: { beats: 'She sees the lighthouse.' }, output: 'The lighthouse turned, and Mara counted the beats of its light.' }));
    time += 1000;
    audit.record(step(other.id, { runId: null, action: 'classify', agentId: null, input: { message: 'develop Mara’s backstory' }, output: { kind: 'agent' } }));

    const ids = (entries: AuditEntry[]) => entries.map((e) => [e.agentId, e.action]);
    expect(ids(await t.call('audit.search', { projectId: project.id }))).toEqual([
      ['writer', 'step'],
      ['plot_alchemist', 'step'],
    ]);
    expect(ids(await t.call('audit.search', { runId: RUN, agentId: 'writer' }))).toEqual([['writer', 'step']]);
    expect(ids(await t.call('audit.search', { action: 'classify' }))).toEqual([[null, 'classify']]);
    // Words of the input or output, accents folded, the last word as a prefix; JSON keys are not words.
    expect(ids(await t.call('audit.search', { query: 'lighthouse' }))).toEqual([
      ['writer', 'step'],
      ['plot_alchemist', 'step'],
    ]);
    expect(ids(await t.call('audit.search', { query: 'MARA count' }))).toEqual([['writer', 'step']]);
    expect(ids(await t.call('audit.search', { query: 'backstory' }))).toEqual([[null, 'classify']]);
    expect(await t.call('audit.search', { query: 'chapter_outline' })).toEqual([]);
    expect(await t.call('audit.search', { query: '"unbalanced NEAR(' })).toEqual([]);
    // Paging: older than an entry's time, and a limit.
    expect(ids(await t.call('audit.search', { projectId: project.id, before: time - 1000 }))).toEqual([['plot_alchemist', 'step']]);
    expect(await t.call('audit.search', { limit: 1 })).toHaveLength(1);

    const [first] = await t.call('audit.search', { projectId: project.id, agentId: 'plot_alchemist' });
    expect(first).toMatchObject({ ...step(project.id), createdAt: Date.UTC(2026, 10, 26, 9, 30) });
  });

  it('filters by how an action ended (the audit view’s status filter)', async () => {
    const project = await t.call('project.create', { title: 'Harbour' });
    const { audit } = t.core.services;
    audit.record(step(project.id));
    time += 1000;
    audit.record(step(project.id, { agentId: 'editor', status: 'error', output: { code: 'INVALID_OUTPUT' } }));
    const agents = (entries: AuditEntry[]) => entries.map((e) => e.agentId);
    expect(agents(await t.call('audit.search', { projectId: project.id, status: 'error' }))).toEqual(['editor']);
    expect(agents(await t.call('audit.search', { projectId: project.id, status: 'ok' }))).toEqual(['plot_alchemist']);
    expect(await t.call('audit.search', { projectId: project.id, status: 'blocked' })).toEqual([]);
  });

  it('never stores a key or a header, whatever the caller passes', async () => {
    const project = await t.call('project.create', { title: 'Keys' });
    t.core.services.audit.record(
      step(project.id, { input: { request: 'draft it', apiKey: 'sk-abcdefghijklmnopqrstuvwx', headers: { authorization: 'Bearer abcdefghijklmnop' } }, output: { text: 'used sk-ant-abcdefghijklmnopqrstu' } }),
    );
    const [entry] = await t.call('audit.search', { projectId: project.id });
    expect(entry?.input).toEqual({ request: 'draft it', apiKey: REDACTED, headers: REDACTED });
    expect(entry?.output).toEqual({ text: `used ${REDACTED}` });
    const stored = t.core.services.audit.export({ projectId: project.id }).json;
    expect(stored).not.toMatch(/sk-|Bearer/u);
    expect(await t.call('audit.search', { query: 'abcdefghijklmnopqrstuvwx' })).toEqual([]);
  });

  it('exports the matching entries as a JSON document named after the project and the date', async () => {
    const project = await t.call('project.create', { title: 'Harbour Lights' });
    t.core.services.audit.record(step(project.id));
    t.core.services.audit.record(step(project.id, { action: 'propose' }));
    t.core.services.audit.record(step(null, { runId: null, action: 'classify' }));

    const exported = await t.call('audit.export', { projectId: project.id });
    expect(exported.fileName).toBe('audit-harbour-lights-2026-11-26.json');
    const document = JSON.parse(exported.json) as { kind: string; complete: boolean; count: number; filter: unknown; entries: { action: string; createdAt: string }[] };
    expect(document).toMatchObject({ kind: 'nova-studio-audit-log', version: 1, complete: true, count: 2, filter: { projectId: project.id } });
    expect(document.entries.map((e) => e.action).sort()).toEqual(['propose', 'step']);
    expect(document.entries[0]?.createdAt).toBe('2026-11-26T09:30:00.000Z');
    expect((await t.call('audit.export', {})).fileName).toBe('audit-2026-11-26.json');
  });

  it('forgets a project’s entries and their words when the project is deleted for good', async () => {
    const project = await t.call('project.create', { title: 'Gone' });
    const kept = await t.call('project.create', { title: 'Kept' });
    t.core.services.audit.record(step(project.id));
    t.core.services.audit.record(step(kept.id, { output: 'The lighthouse stays.' }));
    await t.call('project.delete', { id: project.id });
    // In the trash the project's log is kept (it may come back).
    expect(await t.call('audit.search', { query: 'lighthouse' })).toHaveLength(2);
    await t.call('trash.empty', { confirm: true });
    expect((await t.call('audit.search', { query: 'lighthouse' })).map((e) => e.projectId)).toEqual([kept.id]);
    expect(await t.call('audit.search', { query: 'pier' })).toEqual([]);
  });
});

describe('proposals through the router', () => {
  it('lists, approves and rejects through the router; one snapshot; every decision in the audit log', async () => {
    const project = await t.call('project.create', { title: 'Inbox' });
    const outline = await t.call('outline.get', { projectId: project.id });
    const scene = outline.chapters[0]?.scenes[0];
    if (!scene) throw new Error('a new project has a first scene');
    await t.call('scene.save', { id: scene.id, content: doc('The ship came in.'), baseRevision: scene.revision });
    const saved = await t.call('scene.get', { id: scene.id });
    const { proposals } = t.core.services;
    const change = { type: 'scene-text', sceneId: scene.id, sceneTitle: scene.title, baseRevision: saved.revision, before: 'The ship came in.', after: 'The ship came in at dawn.' } as const;
    const a = proposals.propose({ runId: RUN, projectId: project.id, stepKey: 'draft#0', agentId: 'writer', key: `scene:${scene.id}`, change });
    const b = proposals.propose({ runId: RUN, projectId: project.id, stepKey: 'draft#1', agentId: 'writer', key: `scene:${scene.id}`, change });

    expect((await t.call('proposals.list', { projectId: project.id, statuses: ['pending'] })).map((p) => p.id)).toEqual([a.id, b.id]);
    expect(await t.call('proposals.approve', { id: a.id })).toMatchObject({ status: 'applied' });
    expect((await t.call('scene.get', { id: scene.id })).revision).toBe(saved.revision + 1);
    // The second proposal was based on the text the first one replaced.
    expect(await t.call('proposals.approve', { id: b.id })).toMatchObject({ status: 'conflict' });
    expect(await t.call('proposals.reject', { id: b.id })).toMatchObject({ status: 'rejected' });
    expect(await t.raw('proposals.reject', { id: a.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.call('snapshot.list', { projectId: project.id })).toMatchObject([{ scope: 'project', label: 'Before an agent run’s changes' }]);
    expect((await t.call('audit.search', { runId: RUN })).map((e) => e.action)).toEqual(['reject', 'apply', 'apply', 'approve', 'propose', 'propose']);
    // Decisions are key events in the JSON log: ids and kinds, never the text.
    expect(logLines.filter((l) => typeof l.event === 'string' && l.event.startsWith('proposals.'))).toMatchObject([
      { msg: 'agent proposal approved', proposalId: a.id, runId: RUN, type: 'scene-text', edited: false, status: 'applied' },
      { msg: 'agent proposal approved', proposalId: b.id, status: 'conflict' },
      { msg: 'agent proposal rejected', proposalId: b.id, type: 'scene-text' },
    ]);
    expect(JSON.stringify(logLines)).not.toContain('at dawn');
  });
});
