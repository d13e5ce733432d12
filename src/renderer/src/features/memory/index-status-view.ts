import type { Job } from '../../../../shared/models/jobs';
import type { IndexStatus } from './index-status.store';

export type IndexTone = 'ok' | 'busy' | 'warning' | 'error';

/** What the index status area says: a headline, a sentence, and whether a bar and actions show. */
export interface IndexStatusView {
  tone: IndexTone;
  title: string;
  detail: string;
  /** The running job's progress, for the bar. */
  progress: { done: number; total: number; message: string | null; status: Job['status'] } | null;
  /** Show "Open AI settings" (no embedding model). */
  offerSettings: boolean;
  /** Re-index is offered (not while a job already runs). */
  canReindex: boolean;
  /** Worth a place in the search panel: meaning search is off, partial or failed (routine catching-up is not). */
  needsAttention: boolean;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

function progressOf(job: Job | null): IndexStatusView['progress'] {
  if (!job) return null;
  return { done: job.progress.done, total: job.progress.total, message: job.progress.message ?? null, status: job.status };
}

/**
 * Turns the core's index status into what the writer reads. The core's own notice wins over
 * the generic sentence when it has one (it names the model to install, say).
 */
export function describeIndexStatus(status: IndexStatus, failedJob: Job | null): IndexStatusView {
  // A queued job is routine (a save waits out its debounce): no bar until it runs.
  const queued = status.job?.status === 'queued' && status.meaning === 'ready';
  const progress = queued ? null : progressOf(status.job);
  const running = progress !== null;
  const counts = `${plural(status.chunks, 'passage')} indexed${status.pendingChunks > 0 ? `, ${status.pendingChunks.toLocaleString()} waiting` : ''}`;
  const model = status.embeddingModel ? ` with ${status.embeddingModel}` : '';
  const base = { progress, canReindex: !running, offerSettings: false, needsAttention: true };
  if (status.meaning === 'no-model') {
    return {
      ...base,
      tone: 'warning',
      title: 'Meaning search is off',
      detail: status.notice ?? 'No embedding model is set up, so search finds exact words only. Add one (Ollama’s nomic-embed-text, or an OpenAI key) in AI settings → Models.',
      offerSettings: true,
      canReindex: false,
    };
  }
  if (status.meaning === 'rebuilding') {
    return {
      ...base,
      tone: 'busy',
      title: 'Rebuilding the index',
      detail: status.notice ?? `The embedding model changed${status.embeddingModel ? ` to ${status.embeddingModel}` : ''}. The index is being rebuilt; until it finishes, search by meaning may miss passages.`,
    };
  }
  if (failedJob?.error && !running) {
    return { ...base, tone: 'error', title: 'Indexing failed', detail: `${failedJob.error.message} (${failedJob.error.code})` };
  }
  if (status.meaning === 'not-indexed') {
    return {
      ...base,
      tone: running ? 'busy' : 'warning',
      title: running ? 'Indexing this project' : 'Not indexed yet',
      detail: status.notice ?? (running ? 'Search by meaning works once the first passages are in.' : 'Nothing is indexed yet. Index the project to search it by meaning.'),
    };
  }
  const routine = { ...base, needsAttention: false, detail: `${counts}${model}.` };
  if (running) return { ...routine, tone: 'busy', title: 'Indexing' };
  if (queued) return { ...routine, tone: 'busy', title: 'Catching up', detail: `${counts}${model}. Recent changes are indexed in a moment.` };
  if (status.pendingChunks > 0) return { ...routine, tone: 'busy', title: 'Catching up' };
  return { ...routine, tone: 'ok', title: 'Index up to date' };
}
