// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../shared/models/runs';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { CREW_PROJECT, RUN_ID, testProposal, testRun, testStep } from '../../testing/run-fixture';
import { CrewPanel } from '../crew';
import { useRunView } from './run-view.store';

const STREAM = '00000000-0000-4000-8000-00000000e001';

function detail(patch: Partial<RunDetail> = {}): RunDetail {
  return {
    run: testRun(),
    steps: [
      testStep({ key: 'beats', title: 'Plan the beats', agentId: 'plot_alchemist', capability: 'beats', output: { beats: ['Arrival', 'Storm'] }, input: { outline: 'Arrival\nStorm' } }),
      testStep({ key: 'draft_scenes#0', title: 'Draft the scenes', text: 'She came ashore.' }),
      testStep({ key: 'draft_scenes#1', title: 'Draft the scenes', status: 'running', streamId: STREAM, text: '', finishedAt: null }),
    ],
    proposals: [],
    ...patch,
  };
}

function open(api: FakeApi) {
  useRunView.setState({ section: 'runs', runId: RUN_ID });
  return renderWithServices(<CrewPanel projectId={CREW_PROJECT} />, api);
}

function crewApi(runDetail: RunDetail = detail()): FakeApi {
  return createFakeApi({ 'runs.get': runDetail, 'runs.list': [runDetail.run], 'proposals.list': runDetail.proposals, 'agents.list': [] });
}

beforeEach(() => useRunView.setState({ section: 'runs', runId: null }));
afterEach(cleanup);

describe('the run view', () => {
  it('shows the run’s title, status, trace id and totals, and cancels it', async () => {
    const api = crewApi();
    open(api);
    expect(await screen.findByRole('heading', { name: 'Draft a chapter from its outline — Chapter 4' })).toBeTruthy();
    expect(screen.getByTestId('run-status').textContent).toBe('Running');
    expect(screen.getByTestId('run-trace-id').textContent).toBe('trace-run-0001');
    expect(screen.getByRole('button', { name: 'Copy trace id' })).toBeTruthy();
    expect(screen.getByTestId('run-tokens').textContent).toBe((2000).toLocaleString());
    expect(screen.getByTestId('run-cost').textContent).toBe('$0.01');

    api.answer('runs.cancel', testRun({ status: 'cancelled', seq: 2 }));
    api.answer('runs.get', detail({ run: testRun({ status: 'cancelled', seq: 2 }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toBe('Cancelled'));
    expect(api.inputsOf('runs.cancel')).toEqual([{ id: RUN_ID }]);
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
  });

  it('lays out the steps in plan order with a fanned-out step’s branches under it', async () => {
    open(crewApi());
    await screen.findByTestId('run-view');
    const groups = screen.getAllByTestId('run-step-group');
    expect(groups.map((g) => g.dataset['step'])).toEqual(['beats', 'draft_scenes', 'edit_pass']);
    const fan = within(groups[1] as HTMLElement).getByRole('region', { name: 'Draft the scenes: Running' });
    expect(within(fan).getAllByTestId('run-step').map((s) => s.dataset['key'])).toEqual(['draft_scenes#0', 'draft_scenes#1']);
    expect(within(groups[2] as HTMLElement).getByText(/Editor pass — Not started/)).toBeTruthy();
    const beats = within(groups[0] as HTMLElement).getByTestId('run-step');
    expect(within(beats).getByText('plot_alchemist · beats · 1.5 s · 150 tokens · $0.0010')).toBeTruthy();
    const figures = within(beats).getByTestId('step-figures');
    expect(within(figures).getByText('fake/writer-1')).toBeTruthy();
    expect(within(figures).getByText('agent-writer-draft v3')).toBeTruthy();
    expect(within(figures).getByText('1.5 s')).toBeTruthy();
    expect(within(beats).getByLabelText('Output').textContent).toBe(JSON.stringify({ beats: ['Arrival', 'Storm'] }, null, 2));
    expect(within(beats).getByLabelText('Input outline').textContent).toBe('Arrival\nStorm');
  });

  it('streams a running step’s text live, and replays what it missed after a reconnect', async () => {
    const api = crewApi();
    api.answer('stream.replay', { streamId: STREAM, state: 'running', events: [{ type: 'delta', seq: 3, text: ' rose.' }], complete: true, text: 'The tide rose.', lastSeq: 3 });
    open(api);
    const running = await screen.findByRole('article', { name: 'Draft the scenes 2: Running' });
    act(() => api.emit('stream.delta', { streamId: STREAM, text: 'The ' }));
    act(() => api.emit('stream.delta', { streamId: STREAM, text: 'tide' }));
    expect(within(running).getByTestId('step-text').textContent).toContain('The tide');

    act(() => api.setStatus('closed'));
    act(() => api.setStatus('open'));
    await waitFor(() => expect(within(running).getByTestId('step-text').textContent).toContain('The tide rose.'));
    expect(api.inputsOf('stream.replay')).toContainEqual({ streamId: STREAM, afterSeq: 2 });
  });

  it('says what happened to a failed step and offers Retry, Skip and Cancel run', async () => {
    const failed = detail({
      run: testRun({ status: 'waiting', wait: { kind: 'step-failed', stepKey: 'beats' } }),
      steps: [testStep({ key: 'beats', title: 'Plan the beats', status: 'failed', error: { code: 'INVALID_OUTPUT', message: 'The model’s answer did not fit the beats format, twice.', category: 'validation' } })],
    });
    const api = crewApi(failed);
    api.answer('runs.decide', testRun({ status: 'running', seq: 2 }));
    open(api);
    const step = await screen.findByRole('article', { name: 'Plan the beats: Failed' });
    expect(within(step).getByTestId('step-error').textContent).toContain('The model’s answer did not fit the beats format, twice.');
    fireEvent.click(within(step).getByRole('button', { name: 'Retry step' }));
    await waitFor(() => expect(api.inputsOf('runs.decide')).toEqual([{ id: RUN_ID, stepKey: 'beats', action: 'retry' }]));
    await waitFor(() => expect(within(step).getByRole('button', { name: 'Skip step' }).hasAttribute('disabled')).toBe(false));
    fireEvent.click(within(step).getByRole('button', { name: 'Skip step' }));
    fireEvent.click(within(step).getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => expect(api.inputsOf('runs.decide').map((d) => d.action)).toEqual(['retry', 'skip']));
  });

  it('asks the writer a waiting question and sends the answer', async () => {
    const asking = detail({
      run: testRun({ status: 'waiting', wait: { kind: 'question', stepKey: 'ask_pov', question: 'Whose point of view?' } }),
      steps: [testStep({ key: 'ask_pov', title: 'Ask for the point of view', kind: 'ask', agentId: null, capability: null, status: 'waiting' })],
    });
    const api = crewApi(asking);
    api.answer('runs.answer', testRun({ status: 'running', seq: 2 }));
    open(api);
    const step = await screen.findByRole('article', { name: 'Ask for the point of view: Waiting for your answer' });
    expect(within(step).getByText('Whose point of view?')).toBeTruthy();
    const send = within(step).getByRole('button', { name: 'Send answer' });
    expect(send.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(step).getByRole('textbox', { name: 'Your answer' }), { target: { value: ' Mara ' } });
    fireEvent.click(send);
    await waitFor(() => expect(api.inputsOf('runs.answer')).toEqual([{ id: RUN_ID, answer: 'Mara' }]));
  });

  it('follows run.changed: a stale seq is ignored, a newer one re-reads the run', async () => {
    const api = crewApi(detail({ run: testRun({ seq: 4 }) }));
    open(api);
    await screen.findByTestId('run-view');
    await waitFor(() => expect(api.inputsOf('runs.get').length).toBeGreaterThan(0));
    const reads = api.inputsOf('runs.get').length;
    act(() => api.emit('run.changed', { projectId: CREW_PROJECT, runId: RUN_ID, status: 'queued', seq: 3 }));
    act(() => api.emit('run.changed', { projectId: CREW_PROJECT, runId: RUN_ID, status: 'running', seq: 4 }));
    expect(api.inputsOf('runs.get')).toHaveLength(reads);

    api.answer('runs.get', detail({ run: testRun({ seq: 5, status: 'review' }), proposals: [testProposal({ id: '00000000-0000-4000-8000-00000000f001' })] }));
    act(() => api.emit('run.changed', { projectId: CREW_PROJECT, runId: RUN_ID, status: 'review', seq: 5 }));
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toBe('Ready for review'));
    expect(within(screen.getByRole('list', { name: 'Proposals of this run' })).getAllByTestId('proposal-card')).toHaveLength(1);
  });

  it('counts the proposals waiting on the Proposals tab, and goes back to the list', async () => {
    const api = crewApi(detail({ proposals: [testProposal({ id: '00000000-0000-4000-8000-00000000f001' }), testProposal({ id: '00000000-0000-4000-8000-00000000f002' })] }));
    open(api);
    await waitFor(() => expect(screen.getByRole('tab', { name: /Proposals \(2 waiting\)/ })).toBeTruthy());
    fireEvent.click(await screen.findByRole('button', { name: 'All runs' }));
    expect(within(await screen.findByRole('list', { name: 'Runs' })).getByText('Draft a chapter from its outline — Chapter 4')).toBeTruthy();
  });
});
