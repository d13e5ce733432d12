import type { RetrievalQuery, RetrievalResult } from '../../../shared/models/memory';

/**
 * The one retrieval API (issue 7, point 4): full-text (BM25) + vector KNN + marker/kind/scope
 * filters, fused, returning passages with their source. Search, chat, inline AI and (later)
 * agents all take their context from it.
 */
export interface Retriever {
  retrieve(query: RetrievalQuery, options?: { signal?: AbortSignal }): Promise<RetrievalResult>;
}
