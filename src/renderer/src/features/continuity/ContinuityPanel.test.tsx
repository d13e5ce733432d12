// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodexChangeProposal, ContinuityIssue } from '../../../../shared/models/continuity';
import type { Job } from '../../../../shared/models/jobs';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { testJob } from '../../testing/job-fixture';
import { useNavigation } from '../project/navigation.store';
import { ContinuityPanel } from './ContinuityPanel';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const SCENE = '00000000-0000-4000-8000-000000000002';
const CHAPTER = '00000000-0000-4000-8000-000000000003';
const MARA = '00000000-0000-4000-8000-000000000004';
const ISSUE = '00000000-0000-4000-8000-000000000005';
const JOB = '00000000-0000-4000-8000-000000000006';

const issue: ContinuityIssue = {
  id: ISSUE,
  projectId: PROJECT,
  entryId: MARA,
  entityName: 'Mara',
  attribute: 'eye colour',
  summary: 'Mara’s eyes are grey in the codex, green in chapter 12, scene 3.',
  found: { type: 'scene', id: SCENE, label: 'Chapter 12, scene 3', value: 'green', quote: 'Mara’s eyes were green', chapterId: CHAPTER, range: { from: 10, to: 32 } },
  against: { type: 'codex', id: MARA, label: 'Codex · Mara · Eye colour', value: 'grey', quote: 'Eye colour: grey', chapterId: null, range: null },
  status: 'open',
  resolution: null,
  createdAt: 1,
  resolvedAt: null,
};

const job = (patch: Partial<Job>): Job =>
  testJob({ id: JOB, kind: 'continuity.check', projectId: PROJECT, title: 'Continuity check', progress: { done: 0, total: 4 }, maxAttempts: 3, ...patch });

let api: FakeApi;

beforeEach(() => {
  api = createFakeApi({ 'continuity.list': [issue] });
  useNavigation.setState({ projectId: PROJECT, sceneId: SCENE, panel: 'continuity', pendingFind: null });
});
afterEach(cleanup);

describe('ContinuityPanel', () => {
  it('shows an issue with both quotes, and its links open the scene at the quote and the codex entry', async () => {
    const { services } = renderWithServices(<ContinuityPanel projectId={PROJECT} />, api);
    const card = await screen.findByTestId('continuity-issue');
    expect(within(card).getByTestId('continuity-summary').textContent).toBe(issue.summary);
    expect(within(card).getByTestId('continuity-found-quote').textContent).toBe('Mara’s eyes were green');
    expect(within(card).getByTestId('continuity-against-quote').textContent).toBe('Eye colour: grey');

    fireEvent.click(within(card).getByRole('button', { name: /Chapter 12, scene 3/ }));
    expect(useNavigation.getState().pendingFind).toEqual({ sceneId: SCENE, text: 'Mara’s eyes were green' });

    fireEvent.click(within(card).getByRole('button', { name: /Codex · Mara · Eye colour/ }));
    expect(services.stores.useCodexStore.getState().focusId).toBe(MARA);
    expect(useNavigation.getState().panel).toBe('codex');
  });

  it('starts a check of the open scene and shows its progress from job events', async () => {
    api.answer('continuity.check', job({ status: 'queued', attempts: 0, startedAt: null, seq: 0 }));
    renderWithServices(<ContinuityPanel projectId={PROJECT} />, api);
    await screen.findByTestId('continuity-issue');
    fireEvent.click(screen.getByRole('button', { name: 'Check this scene' }));
    await waitFor(() => expect(api.inputsOf('continuity.check')).toEqual([{ projectId: PROJECT, sceneId: SCENE }]));
    api.emit('job.changed', job({ progress: { done: 2, total: 4, message: 'Checked 2 of 4 scenes' }, seq: 2 }));
    const bar = await screen.findByRole('progressbar', { name: 'Continuity check progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    expect(screen.getByRole('status').textContent).toBe('Checked 2 of 4 scenes');
    expect(screen.getByRole('button', { name: 'Check the whole book' })).toHaveProperty('disabled', true);
    api.emit('job.changed', job({ status: 'succeeded', progress: { done: 4, total: 4, message: 'Checked 4 of 4 scenes' }, seq: 3 }));
    expect((await screen.findByTestId('continuity-check-done')).textContent).toBe('Checked 4 of 4 scenes.');
  });

  it('does not show a check that waits for the scene to be idle, only once it runs', async () => {
    renderWithServices(<ContinuityPanel projectId={PROJECT} />, api);
    await screen.findByTestId('continuity-issue');
    act(() => api.emit('job.changed', job({ status: 'queued', attempts: 0, startedAt: null, seq: 0 })));
    expect(screen.queryByTestId('continuity-progress')).toBeNull();
    expect(screen.getByRole('button', { name: 'Check this scene' })).toHaveProperty('disabled', false);
    api.emit('job.changed', job({ status: 'running', seq: 1 }));
    await screen.findByTestId('continuity-progress');
    expect(screen.getByRole('button', { name: 'Check this scene' })).toHaveProperty('disabled', true);
  });

  it('shows the progress of a check that was already running when the panel opened', async () => {
    api.answer('jobs.list', (query) => (query.projectId === PROJECT && query.kinds?.includes('continuity.check') ? [job({ progress: { done: 1, total: 3, message: 'Checked 1 of 3 scenes' } })] : []));
    renderWithServices(<ContinuityPanel projectId={PROJECT} />, api);
    const bar = await screen.findByRole('progressbar', { name: 'Continuity check progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
  });

  it('marks an issue intended, and updates the codex only through an approved proposal', async () => {
    const proposal: CodexChangeProposal = { issueId: ISSUE, entryId: MARA, field: 'Eye colour', before: 'grey', after: 'green' };
    api.answer('continuity.proposeCodexChange', proposal);
    api.answer('continuity.resolve', (input) => ({ ...issue, status: 'resolved', resolution: input.resolution, resolvedAt: 2 }));
    renderWithServices(<ContinuityPanel projectId={PROJECT} />, api);
    await screen.findByTestId('continuity-issue');

    fireEvent.click(screen.getByRole('button', { name: 'Update the codex' }));
    const box = await screen.findByRole('group', { name: 'Proposed codex change' });
    expect(within(box).getByTestId('continuity-proposal-before').textContent).toBe('grey');
    expect(within(box).getByTestId('continuity-proposal-after').textContent).toBe('green');
    fireEvent.click(within(box).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Proposed codex change' })).toBeNull());
    expect(api.inputsOf('continuity.resolve')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Update the codex' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Approve change' }));
    await waitFor(() => expect(api.inputsOf('continuity.resolve')).toEqual([{ issueId: ISSUE, resolution: 'codex-updated', proposal }]));
    await screen.findByTestId('continuity-empty');
  });

  it('dismisses an intended contradiction', async () => {
    api.answer('continuity.resolve', (input) => ({ ...issue, status: 'resolved', resolution: input.resolution, resolvedAt: 2 }));
    renderWithServices(<ContinuityPanel projectId={PROJECT} />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'It’s intended' }));
    await waitFor(() => expect(api.inputsOf('continuity.resolve')).toEqual([{ issueId: ISSUE, resolution: 'intended' }]));
    await screen.findByTestId('continuity-empty');
  });
});
