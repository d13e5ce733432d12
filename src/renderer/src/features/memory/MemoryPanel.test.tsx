// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { indexJob, memoryEntry, MEMORY_PROJECT, serveMemory } from '../../testing/fake-memory';
import { renderWithServices } from '../../testing/render-with-services';
import { MemoryPanel } from './MemoryPanel';

const READY = { projectId: MEMORY_PROJECT, meaning: 'ready' as const, embeddingModel: 'fake-embed · 64 dimensions', chunks: 12, pendingChunks: 0, job: null, notice: null };

function setup(entries = [memoryEntry({ kind: 'core', content: 'Mara has grey eyes', markers: ['character:Mara'] })]) {
  const api = createFakeApi({ 'memory.indexStatus': READY });
  const table = serveMemory(api, entries);
  return { ...table, ...renderWithServices(<MemoryPanel projectId={MEMORY_PROJECT} />, api) };
}

const rows = () => screen.queryAllByTestId('memory-row');
const contents = () => screen.queryAllByTestId('memory-content').map((e) => e.textContent);

beforeEach(() => {
  localStorage.clear();
});
afterEach(cleanup);

describe('What the AI knows', () => {
  it('explains core memory, lists it, and adds a fact the writer types', async () => {
    const { api } = setup([memoryEntry({ kind: 'core', content: 'Mara has grey eyes' }), memoryEntry({ kind: 'episodic', content: 'Chapter 1 summary' })]);
    expect(screen.getByText(/Core memory is what the AI keeps in mind/)).toBeTruthy();
    await waitFor(() => expect(contents()).toEqual(['Mara has grey eyes']));

    fireEvent.click(screen.getByTestId('memory-add'));
    const text = screen.getByTestId('memory-editor-text');
    expect(document.activeElement).toBe(text);
    fireEvent.change(text, { target: { value: 'Keep British spelling' } });
    fireEvent.change(screen.getByTestId('memory-editor-markers-text'), { target: { value: 'style:spelling' } });
    fireEvent.keyDown(screen.getByTestId('memory-editor-markers-text'), { key: 'Enter' });
    fireEvent.click(screen.getByTestId('memory-editor-save'));

    await waitFor(() => expect(contents()).toContain('Keep British spelling'));
    expect(api.inputsOf('memory.create')).toEqual([{ projectId: MEMORY_PROJECT, kind: 'core', content: 'Keep British spelling', markers: ['style:spelling'], agentScope: ['*'] }]);
    expect(screen.queryByTestId('memory-add-editor')).toBeNull();
  });

  it('says what to do when the AI knows nothing yet', async () => {
    setup([]);
    await waitFor(() => expect(screen.getByTestId('memory-core-empty').textContent).toContain('Add what the AI should never forget'));
  });
});

describe('All memories', () => {
  async function openAll(api?: FakeApi) {
    fireEvent.click(screen.getByTestId('memory-page-all'));
    await waitFor(() => expect(screen.getByTestId('memory-count')).toBeTruthy());
    return api;
  }

  it('filters by kind, by source and by a marker typed ahead from those present', async () => {
    const { api } = setup([
      memoryEntry({ kind: 'core', content: 'Mara has grey eyes', markers: ['character:Mara'] }),
      memoryEntry({ kind: 'episodic', content: 'The harbour scene', markers: ['character:Tomas', 'chapter:1'], source: { type: 'scene', id: '00000000-0000-4000-8000-0000000000f1', range: null } }),
      memoryEntry({ kind: 'associative', content: 'Mara — sister of — Tomas', markers: ['character:Mara', 'character:Tomas'] }),
    ]);
    await openAll();
    await waitFor(() => expect(rows()).toHaveLength(3));

    fireEvent.click(screen.getByTestId('memory-filter-kind-episodic'));
    await waitFor(() => expect(contents()).toEqual(['The harbour scene']));
    expect(screen.getByTestId('memory-filter-kind-episodic').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('memory-filter-kind-episodic'));
    await waitFor(() => expect(rows()).toHaveLength(3));

    fireEvent.click(screen.getByTestId('memory-filter-source-scene'));
    await waitFor(() => expect(contents()).toEqual(['The harbour scene']));
    fireEvent.click(screen.getByTestId('memory-filter-clear'));
    await waitFor(() => expect(rows()).toHaveLength(3));

    const input = screen.getByTestId('memory-filter-markers-text');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'mara' } });
    expect(screen.getAllByTestId('marker-suggestion').map((s) => s.textContent)).toEqual(['character:Mara']);
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect([...contents()].sort()).toEqual(['Mara has grey eyes', 'Mara — sister of — Tomas']));
    expect(screen.getAllByTestId('marker-chip').map((c) => c.textContent)).toEqual(['character:Mara']);
    expect(api.inputsOf('memory.list').some((q) => q.markers?.[0] === 'character:Mara')).toBe(true);

    // A filter that matches nothing says so and offers to clear.
    fireEvent.click(screen.getByTestId('memory-filter-kind-episodic'));
    await waitFor(() => expect(screen.getByTestId('memory-empty-filtered')).toBeTruthy());
  });

  it('adds a memory of the kind the writer picks, with a scope', async () => {
    const { api } = setup([]);
    await openAll();
    fireEvent.click(screen.getByTestId('memory-add'));
    expect(screen.getByTestId('memory-kind-core').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('memory-kind-associative'));
    fireEvent.change(screen.getByTestId('memory-editor-text'), { target: { value: 'Mara — sister of — Tomas' } });
    fireEvent.change(screen.getByTestId('memory-editor-scope'), { target: { value: 'editor' } });
    fireEvent.click(screen.getByTestId('memory-editor-save'));
    await waitFor(() => expect(contents()).toEqual(['Mara — sister of — Tomas']));
    expect(api.inputsOf('memory.create')).toEqual([{ projectId: MEMORY_PROJECT, kind: 'associative', content: 'Mara — sister of — Tomas', markers: [], agentScope: ['editor'] }]);
    await waitFor(() => expect(screen.getByTestId('memory-add')).toBe(document.activeElement));
  });

  it('pins to the top and archives out of sight until "Show archived"', async () => {
    const older = memoryEntry({ kind: 'episodic', content: 'Older', updatedAt: 1 });
    const newer = memoryEntry({ kind: 'episodic', content: 'Newer', updatedAt: 2 });
    setup([older, newer]);
    await openAll();
    await waitFor(() => expect(contents()).toEqual(['Newer', 'Older']));

    const olderRow = () => rows().find((r) => r.getAttribute('data-memory-id') === older.id) as HTMLElement;
    fireEvent.click(within(olderRow()).getByTestId('memory-pin'));
    await waitFor(() => expect(contents()).toEqual(['Older', 'Newer']));
    expect(within(olderRow()).getByTestId('memory-pinned')).toBeTruthy();

    fireEvent.click(within(olderRow()).getByTestId('memory-archive'));
    await waitFor(() => expect(contents()).toEqual(['Newer']));
    fireEvent.click(screen.getByTestId('memory-filter-archived'));
    await waitFor(() => expect(contents()).toEqual(['Older', 'Newer']));
    expect(within(olderRow()).getByTestId('memory-archived')).toBeTruthy();
    fireEvent.click(within(olderRow()).getByTestId('memory-archive'));
    await waitFor(() => expect(within(olderRow()).queryByTestId('memory-archived')).toBeNull());
  });

  it('deletes only after the writer confirms, saying it is permanent', async () => {
    const doomed = memoryEntry({ kind: 'episodic', content: 'To be forgotten' });
    const { api } = setup([doomed]);
    await openAll();
    await waitFor(() => expect(contents()).toEqual(['To be forgotten']));

    fireEvent.click(screen.getByTestId('memory-delete'));
    const dialog = screen.getByTestId('memory-delete-confirm');
    expect(dialog.textContent).toContain('cannot be undone');
    expect(document.activeElement).toBe(within(dialog).getByTestId('confirm-cancel'));
    fireEvent.click(within(dialog).getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('memory-delete-confirm')).toBeNull();
    expect(api.inputsOf('memory.delete')).toEqual([]);

    fireEvent.click(screen.getByTestId('memory-delete'));
    fireEvent.click(within(screen.getByTestId('memory-delete-confirm')).getByTestId('confirm-accept'));
    await waitFor(() => expect(screen.getByTestId('memory-empty')).toBeTruthy());
    expect(api.inputsOf('memory.delete')).toEqual([{ id: doomed.id }]);
  });
});

describe('Editing a memory', () => {
  it('saves markers and scope, and shows the new version', async () => {
    const entry = memoryEntry({ kind: 'core', content: 'Mara has grey eyes' });
    const { api } = setup([entry]);
    await waitFor(() => expect(contents()).toEqual(['Mara has grey eyes']));
    fireEvent.click(screen.getByTestId('memory-edit'));
    fireEvent.change(screen.getByTestId('memory-editor-text'), { target: { value: 'Mara has storm-grey eyes' } });
    fireEvent.change(screen.getByTestId('memory-editor-scope'), { target: { value: 'editor, critic' } });
    fireEvent.keyDown(screen.getByTestId('memory-editor-text'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(contents()).toEqual(['Mara has storm-grey eyes']));
    expect(api.inputsOf('memory.update')).toEqual([{ id: entry.id, version: 1, content: 'Mara has storm-grey eyes', markers: [], agentScope: ['editor', 'critic'] }]);
    expect(screen.getByText('v2')).toBeTruthy();
    expect(screen.getByText('Only: editor, critic')).toBeTruthy();
  });

  it('on a stale version: says so, keeps the text, reloads the newest and saves on top of it', async () => {
    const entry = memoryEntry({ kind: 'core', content: 'Mara has grey eyes' });
    const { api, rows: table } = setup([entry]);
    await waitFor(() => expect(contents()).toEqual(['Mara has grey eyes']));
    fireEvent.click(screen.getByTestId('memory-edit'));
    fireEvent.change(screen.getByTestId('memory-editor-text'), { target: { value: 'Mara has storm-grey eyes' } });
    // Another window saves first.
    table.set(entry.id, { ...entry, content: 'Mara has green eyes', version: 2 });

    fireEvent.click(screen.getByTestId('memory-editor-save'));
    await waitFor(() => expect(screen.getByTestId('memory-conflict').textContent).toContain('changed while you were editing'));
    expect((screen.getByTestId('memory-editor-text') as HTMLTextAreaElement).value).toBe('Mara has storm-grey eyes');

    fireEvent.click(screen.getByTestId('memory-conflict-reload'));
    await waitFor(() => expect(screen.getByTestId('memory-reloaded').textContent).toContain('Mara has green eyes'));
    expect((screen.getByTestId('memory-editor-text') as HTMLTextAreaElement).value).toBe('Mara has storm-grey eyes');

    fireEvent.click(screen.getByTestId('memory-editor-save'));
    await waitFor(() => expect(contents()).toEqual(['Mara has storm-grey eyes']));
    expect(api.inputsOf('memory.update').map((u) => u.version)).toEqual([1, 2]);
    expect(table.get(entry.id)?.version).toBe(3);
  });

  it('when the memory was deleted meanwhile, offers to save the text as a new memory', async () => {
    const entry = memoryEntry({ kind: 'core', content: 'Mara has grey eyes' });
    const { api, rows: table } = setup([entry]);
    await waitFor(() => expect(contents()).toEqual(['Mara has grey eyes']));
    fireEvent.click(screen.getByTestId('memory-edit'));
    fireEvent.change(screen.getByTestId('memory-editor-text'), { target: { value: 'Mara has storm-grey eyes' } });
    table.set(entry.id, { ...entry, version: 2 });
    fireEvent.click(screen.getByTestId('memory-editor-save'));
    await waitFor(() => expect(screen.getByTestId('memory-conflict')).toBeTruthy());
    table.delete(entry.id);
    fireEvent.click(screen.getByTestId('memory-conflict-reload'));
    await waitFor(() => expect(screen.getByTestId('memory-gone')).toBeTruthy());
    expect(screen.getByTestId('memory-editor-save').textContent).toContain('Save as new memory');
    fireEvent.click(screen.getByTestId('memory-editor-save'));
    await waitFor(() => expect(api.inputsOf('memory.create')).toHaveLength(1));
    expect(api.inputsOf('memory.create')[0]).toMatchObject({ kind: 'core', content: 'Mara has storm-grey eyes' });
  });

  it('shows earlier versions in the history dialog', async () => {
    const entry = memoryEntry({ kind: 'core', content: 'Second text', version: 2 });
    const { versions } = setup([entry]);
    versions.set(entry.id, [{ version: 1, content: 'First text', markers: ['character:Mara'], editedAt: 1 }]);
    await waitFor(() => expect(contents()).toEqual(['Second text']));
    fireEvent.click(screen.getByTestId('memory-history'));
    await waitFor(() => expect(screen.getAllByTestId('memory-version').map((v) => v.textContent)).toEqual([expect.stringContaining('First text')]));
  });
});

describe('Index status in the memory view', () => {
  it('shows the running job’s progress from job.changed, ignores stale events, and re-reads when it ends', async () => {
    const { api } = setup([]);
    await waitFor(() => expect(screen.getByTestId('index-status-title').textContent).toBe('Index up to date'));
    expect(screen.getByTestId('index-status-detail').textContent).toContain('12 passages indexed with fake-embed');

    api.emit('job.changed', indexJob({ seq: 2, progress: { done: 3, total: 10, message: 'Embedding chapter 1' } }));
    await waitFor(() => expect(screen.getByTestId('index-progress').textContent).toContain('3 of 10 · 30%'));
    expect(screen.getByRole('progressbar', { name: 'Indexing progress' }).getAttribute('aria-valuenow')).toBe('3');
    expect(screen.queryByTestId('index-reindex')).toBeNull();
    api.emit('job.changed', indexJob({ seq: 1, progress: { done: 1, total: 10 } }));
    expect(screen.getByTestId('index-progress').textContent).toBe('3 of 10 · 30% · Embedding chapter 1');
    api.emit('job.changed', indexJob({ seq: 3, progress: { done: 3, total: 10, message: 'Embedding passages: 3 of 10' } }));
    await waitFor(() => expect(screen.getByTestId('index-progress').textContent).toBe('3 of 10 · 30%'));
    expect(screen.getByTestId('index-progress').textContent).toContain('3 of 10');
    // Another project's job moves nothing.
    api.emit('job.changed', indexJob({ id: '00000000-0000-4000-8000-0000000000bb', projectId: '00000000-0000-4000-8000-0000000000cc', seq: 5, progress: { done: 9, total: 10 } }));
    expect(screen.getByTestId('index-progress').textContent).toContain('3 of 10');

    api.answer('memory.indexStatus', { ...READY, chunks: 40 });
    const reads = api.inputsOf('memory.indexStatus').length;
    api.emit('job.changed', indexJob({ seq: 4, status: 'succeeded', progress: { done: 10, total: 10 } }));
    await waitFor(() => expect(screen.getByTestId('index-status-detail').textContent).toContain('40 passages'));
    expect(api.inputsOf('memory.indexStatus').length).toBeGreaterThan(reads);
    expect(screen.queryByTestId('index-progress')).toBeNull();
  });

  it('Re-index starts a job; with no model it says how to enable meaning search', async () => {
    const { api } = setup([]);
    api.answer('memory.reindex', indexJob({ seq: 1, status: 'queued', progress: { done: 0, total: 0 } }));
    await waitFor(() => expect(screen.getByTestId('index-reindex')).toBeTruthy());
    api.answer('memory.indexStatus', { ...READY, meaning: 'rebuilding', job: indexJob({ kind: 'memory.reindex', status: 'queued', progress: { done: 0, total: 0 } }) });
    fireEvent.click(screen.getByTestId('index-reindex'));
    await waitFor(() => expect(screen.getByTestId('index-progress').textContent).toContain('Waiting to start…'));
    expect(screen.getByTestId('index-status-title').textContent).toBe('Rebuilding the index');
    expect(api.inputsOf('memory.reindex')).toEqual([{ projectId: MEMORY_PROJECT }]);

    api.answer('memory.indexStatus', { ...READY, meaning: 'no-model', embeddingModel: null, job: null });
    api.emit('memory.changed', { projectId: MEMORY_PROJECT });
    await waitFor(() => expect(screen.getByTestId('index-status-title').textContent).toBe('Meaning search is off'));
    expect(screen.getByTestId('index-open-models')).toBeTruthy();
    expect(screen.queryByTestId('index-reindex')).toBeNull();

    // After a reconnect the status is read afresh (job events may have been missed).
    api.answer('memory.indexStatus', READY);
    api.setStatus('open');
    await waitFor(() => expect(screen.getByTestId('index-status-title').textContent).toBe('Index up to date'));
  });
});

describe('A long memory list', () => {
  it('renders only the rows on screen', async () => {
    // happy-dom lays nothing out: a 600px viewport and 100px rows, as measured by the virtualiser.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    const rowHeight = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(100);
    const many = Array.from({ length: 200 }, (_, i) => memoryEntry({ kind: 'episodic', content: `Summary ${i}`, updatedAt: i }));
    setup(many);
    fireEvent.click(screen.getByTestId('memory-page-all'));
    await waitFor(() => expect(screen.getByTestId('memory-count').textContent).toBe('200 memories'));
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(40);
    expect(contents()[0]).toBe('Summary 199');
    height.mockRestore();
    rowHeight.mockRestore();
  });
});
