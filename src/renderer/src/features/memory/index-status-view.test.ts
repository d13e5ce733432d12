import { describe, expect, it } from 'vitest';
import { indexJob, MEMORY_PROJECT } from '../../testing/fake-memory';
import { describeIndexStatus } from './index-status-view';
import type { IndexStatus } from './index-status.store';

const status = (patch: Partial<IndexStatus>): IndexStatus => ({
  projectId: MEMORY_PROJECT,
  meaning: 'ready',
  embeddingModel: 'nomic-embed-text:latest · 768 dimensions',
  chunks: 120,
  pendingChunks: 0,
  job: null,
  notice: null,
  ...patch,
});

describe('describeIndexStatus', () => {
  it('says the index is up to date with counts and model, and offers Re-index', () => {
    const view = describeIndexStatus(status({}), null);
    expect(view).toMatchObject({ tone: 'ok', title: 'Index up to date', canReindex: true, offerSettings: false, progress: null });
    expect(view.detail).toBe('120 passages indexed with nomic-embed-text:latest · 768 dimensions.');
  });

  it('with no embedding model: meaning search is off, points to AI settings → Models, no Re-index', () => {
    const view = describeIndexStatus(status({ meaning: 'no-model', embeddingModel: null }), null);
    expect(view).toMatchObject({ tone: 'warning', title: 'Meaning search is off', offerSettings: true, canReindex: false });
    expect(view.detail).toContain('AI settings → Models');
    expect(describeIndexStatus(status({ meaning: 'no-model', notice: 'Install nomic-embed-text.' }), null).detail).toBe('Install nomic-embed-text.');
  });

  it('while the model changed: rebuilding, with the running job as progress and no second Re-index', () => {
    const view = describeIndexStatus(status({ meaning: 'rebuilding', job: indexJob({ progress: { done: 3, total: 12, message: 'Embedding chapter 2' } }) }), null);
    expect(view).toMatchObject({ tone: 'busy', title: 'Rebuilding the index', canReindex: false, progress: { done: 3, total: 12, message: 'Embedding chapter 2' } });
    expect(view.detail).toContain('nomic-embed-text');
  });

  it('not indexed yet, a failed job, and passages still waiting', () => {
    expect(describeIndexStatus(status({ meaning: 'not-indexed', chunks: 0 }), null)).toMatchObject({ tone: 'warning', title: 'Not indexed yet', canReindex: true });
    const failed = indexJob({ status: 'failed', error: { code: 'PROVIDER_UNREACHABLE', message: 'Ollama does not answer.', category: 'transient' } });
    expect(describeIndexStatus(status({}), failed)).toMatchObject({ tone: 'error', title: 'Indexing failed', detail: 'Ollama does not answer. (PROVIDER_UNREACHABLE)' });
    expect(describeIndexStatus(status({ pendingChunks: 4 }), null)).toMatchObject({ tone: 'busy', title: 'Catching up', detail: expect.stringContaining('4 waiting') });
    // A save's indexing job waiting out its debounce shows no bar.
    expect(describeIndexStatus(status({ job: indexJob({ status: 'queued' }) }), null)).toMatchObject({ title: 'Catching up', progress: null, needsAttention: false });
  });
});
