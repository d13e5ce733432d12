// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Passage } from '../../../../shared/models/memory';
import { createFakeApi } from '../../testing/fake-api';
import { indexJob, MEMORY_PROJECT } from '../../testing/fake-memory';
import { renderWithServices } from '../../testing/render-with-services';
import { useAiSettings } from '../ai-settings';
import { useNavigation } from '../project/navigation.store';
import { SearchPanel } from './SearchPanel';

const SCENE = '00000000-0000-4000-8000-0000000000f1';
const MEMORY = '00000000-0000-4000-8000-0000000000f2';
const READY = { projectId: MEMORY_PROJECT, meaning: 'ready' as const, embeddingModel: 'fake-embed · 64 dimensions', chunks: 12, pendingChunks: 0, job: null, notice: null };

let chunks = 0;
const passage = ({ source, ...patch }: Partial<Omit<Passage, 'source'>> & { source: Partial<Passage['source']> }): Passage => ({
  chunkId: `chunk-${++chunks}`,
  text: 'She left the harbour before dawn.\nThe gulls were quiet.',
  score: 0.9,
  matchedBy: ['meaning'],
  ...patch,
  source: { type: 'scene', id: SCENE, label: 'Chapter 1 · The Harbour', chapterId: null, range: null, ...source },
});

function setup() {
  const api = createFakeApi({
    'memory.indexStatus': READY,
    'search.query': [{ sceneId: SCENE, chapterId: SCENE, chapterTitle: 'Chapter 1', sceneTitle: 'The Harbour', snippet: 'the \u0002harbour\u0003' }],
    'memory.search': { passages: [passage({ source: {} }), passage({ matchedBy: ['text', 'meaning'], text: 'Keep British spelling', source: { type: 'memory', id: MEMORY, label: 'Memory' } })], meaning: 'ready', notice: null },
  });
  return renderWithServices(<SearchPanel projectId={MEMORY_PROJECT} />, api);
}

const type = (value: string) => {
  const input = screen.getByTestId('search-input');
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
};

beforeEach(() => {
  useNavigation.setState({ projectId: MEMORY_PROJECT, sceneId: null, panel: 'search', pendingFind: null });
  useAiSettings.setState({ open: false });
});
afterEach(cleanup);

describe('SearchPanel: Words / Meaning / Both', () => {
  it('searches words by default, and by meaning after the switch, running the same query again', async () => {
    const { api } = setup();
    type('leaving at night');
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));
    expect(api.inputsOf('memory.search')).toEqual([]);
    expect(screen.getByTestId('search-kind-words').getAttribute('aria-checked')).toBe('true');

    fireEvent.click(screen.getByTestId('search-kind-meaning'));
    await waitFor(() => expect(screen.getAllByTestId('passage-result')).toHaveLength(2));
    expect(api.inputsOf('memory.search')).toEqual([{ projectId: MEMORY_PROJECT, query: 'leaving at night', mode: 'meaning', limit: 30 }]);
    const [scene, memory] = screen.getAllByTestId('passage-result') as [HTMLElement, HTMLElement];
    expect(within(scene).getByTestId('passage-source').textContent).toBe('Chapter 1 · The Harbour');
    expect(scene.textContent).toContain('She left the harbour before dawn.');
    expect(within(scene).getByTestId('passage-by-meaning')).toBeTruthy();
    expect(within(scene).queryByTestId('passage-by-text')).toBeNull();
    expect(within(memory).getByTestId('passage-by-text')).toBeTruthy();

    // Arrow keys move through the switch (a radio group) and search again.
    fireEvent.keyDown(screen.getByTestId('search-kind-meaning'), { key: 'ArrowRight' });
    await waitFor(() => expect(api.inputsOf('memory.search').at(-1)?.mode).toBe('hybrid'));
    expect(screen.getByTestId('search-kind-both').getAttribute('aria-checked')).toBe('true');
  });

  it('opens a scene at the passage, and a memory in the memory view', async () => {
    const { api } = setup();
    api.answer('memory.list', []);
    fireEvent.click(screen.getByTestId('search-kind-meaning'));
    type('leaving at night');
    await waitFor(() => expect(screen.getAllByTestId('passage-result')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('passage-result')[0] as HTMLElement);
    expect(useNavigation.getState()).toMatchObject({ sceneId: SCENE, pendingFind: { sceneId: SCENE, text: 'She left the harbour before dawn' } });

    fireEvent.click(screen.getAllByTestId('passage-result')[1] as HTMLElement);
    expect(useNavigation.getState().panel).toBe('memory');
  });

  it('with no embedding model: says meaning search is off and links to AI settings → Models', async () => {
    const { api } = setup();
    api.answer('memory.search', { passages: [], meaning: 'no-model', notice: 'Install nomic-embed-text in Ollama, or add an OpenAI key.' });
    api.answer('memory.indexStatus', { ...READY, meaning: 'no-model', embeddingModel: null });
    fireEvent.click(screen.getByTestId('search-kind-meaning'));
    type('leaving at night');
    await waitFor(() => expect(screen.getByTestId('meaning-notice').getAttribute('data-meaning')).toBe('no-model'));
    expect(screen.getByTestId('meaning-notice').textContent).toContain('Install nomic-embed-text');
    expect(screen.getByTestId('search-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('meaning-open-models'));
    expect(useAiSettings.getState()).toMatchObject({ open: true, tab: 'models' });
  });

  it('a project with nothing indexed and no model: the notice says how to turn meaning search on', async () => {
    const { api } = setup();
    api.answer('memory.search', { passages: [], meaning: 'not-indexed', notice: null });
    api.answer('memory.indexStatus', { ...READY, meaning: 'no-model', embeddingModel: null, chunks: 0 });
    fireEvent.click(screen.getByTestId('search-kind-meaning'));
    type('leaving at night');
    await waitFor(() => expect(screen.getByTestId('meaning-notice').getAttribute('data-meaning')).toBe('no-model'));
    expect(screen.getByTestId('meaning-open-models')).toBeTruthy();
  });

  it('while the index is rebuilt, says so with its progress', async () => {
    const { api } = setup();
    api.answer('memory.indexStatus', { ...READY, meaning: 'rebuilding', job: indexJob({ progress: { done: 4, total: 16 } }) });
    api.answer('memory.search', { passages: [passage({ source: {} })], meaning: 'rebuilding', notice: null });
    fireEvent.click(screen.getByTestId('search-kind-both'));
    type('leaving at night');
    await waitFor(() => expect(screen.getByTestId('meaning-notice').textContent).toContain('being rebuilt'));
    await waitFor(() => expect(screen.getByTestId('index-progress').textContent).toContain('4 of 16 · 25%'));
    expect(screen.getAllByTestId('passage-result')).toHaveLength(1);
  });

  it('shows no index status in Words mode, and none in Meaning mode while the index is ready', async () => {
    const { services } = setup();
    expect(screen.queryByTestId('index-status')).toBeNull();
    fireEvent.click(screen.getByTestId('search-kind-meaning'));
    await waitFor(() => expect(services.stores.useIndexStatus.getState().status?.meaning).toBe('ready'));
    expect(screen.getByText('Search by meaning')).toBeTruthy();
    expect(screen.queryByTestId('index-status')).toBeNull();
  });
});
