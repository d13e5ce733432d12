import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ModelRef } from '../../../shared/models/llm';
import { aiSettingsTab } from '../../../shared/text/settings-names';
import type { VectorSpace } from './vector-store/vector-store.types';

/** The one call memory makes to the model layer (the `embed` route of the LLM service). */
export type EmbedCall = (inputs: string[], hooks: { signal: AbortSignal }) => Promise<{ vectors: number[][]; model: ModelRef }>;

/** Route failures that mean "no embedding model here" rather than "try again later". */
const NO_MODEL_CODES = new Set<string>([ErrorCode.NO_MODEL_AVAILABLE, ErrorCode.MODEL_MISSING, ErrorCode.PROVIDER_UNREACHABLE, ErrorCode.PROVIDER_AUTH]);

/** What the writer reads when meaning search is off, and how to turn it on. */
export const NO_MODEL_NOTICE =
  `Meaning search is off: no embedding model answered, so search matches words only. ` +
  `Download nomic-embed-text in ${aiSettingsTab('Models')} (Ollama), or add an OpenAI key in ${aiSettingsTab('Keys')}.`;

/** Said while a re-index runs, whether the model changed or the writer asked for it. */
export const REBUILDING_NOTICE = 'The index is being rebuilt. Until it is done, search matches words only.';

export type EmbeddingAvailability = { status: 'unknown' } | { status: 'ready'; space: VectorSpace } | { status: 'no-model'; reason: string };

export type EmbedOutcome = { ok: true; vectors: Float32Array[]; space: VectorSpace } | { ok: false; reason: string };

/** Turns a model reference into the space id stored beside the vectors ("ollama:nomic-embed-text:latest"). */
export function spaceModel(model: ModelRef): string {
  return `${model.provider}:${model.model}`;
}

/** "nomic-embed-text:latest · 768 dimensions" */
export function describeSpace(space: VectorSpace): string {
  const colon = space.model.indexOf(':');
  return `${colon >= 0 ? space.model.slice(colon + 1) : space.model} · ${space.dimensions} dimensions`;
}

/**
 * Embeds texts down the `embed` route and remembers whether an embedding model answers, so
 * status and search can say "meaning search is off" without calling a model each time. A
 * missing model is an outcome, not an error; other failures (rate limits, timeouts) throw
 * for the job runner to retry.
 */
export function createEmbedder(embed: EmbedCall) {
  let availability: EmbeddingAvailability = { status: 'unknown' };

  return {
    availability: (): EmbeddingAvailability => availability,
    /** Models or keys changed: the next call finds out again. */
    forget(): void {
      availability = { status: 'unknown' };
    },
    async embed(inputs: string[], signal: AbortSignal): Promise<EmbedOutcome> {
      try {
        const { vectors, model } = await embed(inputs, { signal });
        const first = vectors[0];
        if (!first || vectors.length !== inputs.length) throw new AppError(ErrorCode.PROVIDER_FAILED, 'The embedding model answered with the wrong number of vectors.', { retryable: true });
        const space = { model: spaceModel(model), dimensions: first.length };
        availability = { status: 'ready', space };
        return { ok: true, vectors: vectors.map((vector) => Float32Array.from(vector)), space };
      } catch (error) {
        if (error instanceof AppError && NO_MODEL_CODES.has(error.code)) {
          availability = { status: 'no-model', reason: error.message };
          return { ok: false, reason: error.message };
        }
        throw error;
      }
    },
  };
}

export type Embedder = ReturnType<typeof createEmbedder>;
