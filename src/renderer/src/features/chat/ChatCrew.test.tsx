// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import type { Agent } from '../../../../shared/models/agents';
import type { Playbook } from '../../../../shared/models/plans';
import type { Run } from '../../../../shared/models/runs';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { useRunView } from '../runs';
import { ChatMessageView } from './ChatMessageView';
import type { DisplayMessage } from './chat-model';
import { CrewPicker } from './CrewPicker';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const SESSION = '00000000-0000-4000-8000-000000000002';
const RUN = '00000000-0000-4000-8000-000000000009';
const REPLY = '00000000-0000-4000-8000-000000000005';

const plan = { target: 'chapter' as const, steps: [{ id: 'beats', kind: 'agent' as const, title: 'Beats', agent: 'plot_alchemist', capability: 'outline-beats', inputs: {}, dependsOn: [], propose: [] }] };
const playbook = (id: string, name: string): Playbook => ({ id, name, description: '', builtin: true, basedOn: null, plan, startedFrom: 'chat', updatedAt: 0 });
const editor: Agent = {
  id: 'editor',
  name: 'Editor',
  crew: 'writing',
  persona: 'An editor.',
  description: 'Edits.',
  capabilities: [{ id: 'pacing-review', description: 'Reviews a chapter’s pacing.', promptId: 'agent-pacing-review', inputs: [], proposes: [] }],
  taskClass: 'creative',
  contextBudget: 4000,
  memoryScope: { reads: { kinds: [], markerTypes: [] }, writes: null },
  source: 'builtin',
};
const run: Run = {
  id: RUN,
  projectId: PROJECT,
  sessionId: SESSION,
  title: 'Draft a chapter from its outline — The Storm',
  playbookId: 'draft-chapter',
  request: 'Draft chapter 4',
  target: {},
  plan,
  status: 'running',
  wait: null,
  jobId: null,
  traceId: 't',
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  error: null,
  createdAt: 1,
  startedAt: 1,
  finishedAt: null,
  seq: 3,
};

beforeEach(() => useRunView.setState({ runId: null }));
afterEach(cleanup);

describe('the crew picker', () => {
  it('offers Auto, plain chat, the chat’s playbooks (not a video’s) and each agent’s capabilities, and the next send goes where it points', async () => {
    const api = createFakeApi({
      'playbooks.list': [
        playbook('draft-chapter', 'Draft a chapter from its outline'),
        { ...playbook('video-from-idea', 'Video from an idea'), startedFrom: 'video' },
        playbook('what-next', 'Brainstorm what happens next'),
      ],
      'agents.list': [editor],
      'chat.list': [],
      'chat.create': { id: SESSION, projectId: PROJECT, title: 'New chat', createdAt: 1, updatedAt: 1 },
      'chat.messages': [],
      'chat.send': { streamId: null, userMessageId: REPLY, assistantMessageId: REPLY, runId: RUN },
    });
    const { services } = renderWithServices(<CrewPicker />, api);
    const picker = screen.getByTestId('chat-route') as HTMLSelectElement;
    await waitFor(() => expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Auto (the crew decides)',
      'Just chat',
      'Draft a chapter from its outline',
      'Brainstorm what happens next',
      'Editor: pacing review',
    ]));
    expect(picker.value).toBe('auto');

    fireEvent.change(picker, { target: { value: 'playbook:draft-chapter' } });
    expect(services.stores.useChat.getState().route).toEqual({ kind: 'playbook', playbookId: 'draft-chapter' });
    await act(() => services.stores.useChat.getState().load(PROJECT));
    await act(async () => void (await services.stores.useChat.getState().send('Chapter 4, please', { selection: '' })));
    expect(api.inputsOf('chat.send').at(-1)).toMatchObject({ text: 'Chapter 4, please', route: { kind: 'playbook', playbookId: 'draft-chapter' } });

    fireEvent.change(picker, { target: { value: 'agent:editor/pacing-review' } });
    expect(services.stores.useChat.getState().route).toEqual({ kind: 'agent', agentId: 'editor', capability: 'pacing-review' });
    fireEvent.change(picker, { target: { value: 'chat' } });
    expect(services.stores.useChat.getState().route).toEqual({ kind: 'chat' });
  });

  it('still offers the playbooks when the agents cannot be listed, and drops a picked playbook that was deleted', async () => {
    const api = createFakeApi({
      'playbooks.list': [playbook('what-next', 'Brainstorm what happens next'), playbook('mine', 'My copy')],
      'agents.list': () => {
        throw new ApiError('INTERNAL', 'Not yet.', false);
      },
    });
    const { services } = renderWithServices(<CrewPicker />, api);
    const picker = screen.getByTestId('chat-route') as HTMLSelectElement;
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(4));
    fireEvent.change(picker, { target: { value: 'playbook:mine' } });
    expect(picker.value).toBe('playbook:mine');

    api.answer('playbooks.list', [playbook('what-next', 'Brainstorm what happens next')]);
    act(() => api.emit('playbooks.changed', {}));
    await waitFor(() => expect(services.stores.useChat.getState().route).toEqual({ kind: 'auto' }));
    expect(picker.value).toBe('auto');
  });
});

const runReply: DisplayMessage = {
  id: REPLY,
  role: 'assistant',
  content: 'Started “Draft a chapter from its outline” on Chapter 4: The Storm.',
  status: 'complete',
  model: null,
  error: null,
  live: false,
  context: null,
  sources: [],
  runId: RUN,
};

describe('the run card', () => {
  it('shows the run’s title and live status, ignores stale changes, and opens the run view', async () => {
    const api = createFakeApi({ 'runs.get': { run, steps: [], proposals: [] } });
    renderWithServices(<ChatMessageView message={runReply} notices={undefined} isLast onRegenerate={() => undefined} />, api);
    const card = screen.getByTestId('chat-run-card');
    expect(screen.getByText(runReply.content)).toBeTruthy();
    await waitFor(() => expect(within(card).getByTestId('chat-run-title').textContent).toBe('Draft a chapter from its outline — The Storm'));
    expect(within(card).getByTestId('chat-run-status').textContent).toBe('Running');

    act(() => api.emit('run.changed', { projectId: PROJECT, runId: RUN, status: 'review', seq: 7 }));
    expect(within(card).getByTestId('chat-run-status').textContent).toBe('Ready for review');
    act(() => api.emit('run.changed', { projectId: PROJECT, runId: RUN, status: 'running', seq: 5 }));
    act(() => api.emit('run.changed', { projectId: PROJECT, runId: '00000000-0000-4000-8000-0000000000ff', status: 'failed', seq: 9 }));
    expect(within(card).getByTestId('chat-run-status').textContent).toBe('Ready for review');
    expect(card.getAttribute('data-status')).toBe('review');

    fireEvent.click(within(card).getByTestId('chat-run-open'));
    expect(useRunView.getState().runId).toBe(RUN);
    // The reply that started a run is not regenerated, copied or inserted.
    expect(screen.queryByTestId('chat-regenerate')).toBeNull();
    expect(screen.queryByTestId('chat-copy')).toBeNull();
  });

  it('still opens the run when it cannot be read', async () => {
    const api = createFakeApi({
      'runs.get': () => {
        throw new ApiError('NOT_FOUND', 'Gone.', false);
      },
    });
    renderWithServices(<ChatMessageView message={runReply} notices={undefined} isLast onRegenerate={() => undefined} />, api);
    await waitFor(() => expect(screen.getByTestId('chat-run-title').textContent).toBe('An agent run'));
    expect(screen.getByTestId('chat-run-status').textContent).toBe('Status not available');
    fireEvent.click(screen.getByTestId('chat-run-open'));
    expect(useRunView.getState().runId).toBe(RUN);
  });
});
