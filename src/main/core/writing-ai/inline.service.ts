import type { InlineRequest, InlineStarted } from '../../../shared/models/llm';
import type { LlmService, StreamRegistry } from '../llm';
import type { ManuscriptService } from '../manuscript';
import { gatherFor } from './gather-for-prompt';
import type { PromptRoomDeps } from './context-budget';
import type { PromptRenderer } from './prompt-renderer';
import type { RetrievedContext } from './retrieved-context';
import type { WritingContextSource } from './writing-context';

export interface InlineDeps extends PromptRoomDeps {
  manuscript: ManuscriptService;
  context: WritingContextSource;
  /** Pinned memories and the passages retrieval finds for the selection and the text around it. */
  retrieved: RetrievedContext;
  prompts: PromptRenderer;
  llm: LlmService;
  streams: StreamRegistry;
}

/** How much of the text before the cursor the retrieval query takes. */
const QUERY_BEFORE_CHARS = 300;

/** What an action looks for in memory: its direction, the selection, and the words before the cursor. */
export function inlineQuery(request: Pick<InlineRequest, 'selection' | 'before' | 'instruction'>): string {
  const before = request.before.slice(-QUERY_BEFORE_CHARS).replace(/^\S*\s/, '');
  return [request.instruction, request.selection.slice(0, 400), request.selection ? before.slice(-100) : before]
    .map((part) => part.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The editor's AI actions. The suggestion streams to the editor and nothing is stored here:
 * the text changes only when the writer accepts it, through the ordinary autosave.
 */
export function createInlineService(deps: InlineDeps) {
  return {
    /**
     * Starts an action's suggestion stream, its context taken from retrieval; returns the stream
     * and the sources it was given. `owner`: the connection that asked, whose going away stops it.
     */
    async run(request: InlineRequest, owner?: string): Promise<InlineStarted> {
      const scene = deps.manuscript.getScene(request.sceneId);
      const values = {
        ...deps.context.describe(scene.projectId, scene.id),
        selection: request.selection,
        before: request.before,
        instruction: request.instruction,
      };
      const { rendered, sources } = await gatherFor(deps, {
        promptId: request.action,
        projectId: scene.projectId,
        values,
        query: inlineQuery(request),
        alreadyShown: `${request.before}\n${request.selection}`,
      });
      const plan = {
        taskClass: rendered.taskClass,
        promptId: request.action,
        promptVersion: rendered.version,
        projectId: scene.projectId,
        assignmentKey: scene.projectId,
        messages: [
          { role: 'system' as const, content: rendered.system },
          { role: 'user' as const, content: rendered.user },
        ],
        ...(rendered.temperature !== undefined && { temperature: rendered.temperature }),
        ...(rendered.maxTokens !== undefined && { maxTokens: rendered.maxTokens }),
      };
      const streamId = deps.streams.start(async (stream) => {
        const hooks = { signal: stream.signal, onNotice: stream.notice };
        // A structured prompt (brainstorm) is checked whole, then shown as readable text.
        const outcome = rendered.outputSchema
          ? await deps.llm.runStructured({ ...plan, jsonSchema: rendered.outputSchema }, hooks).then((result) => {
              stream.delta(formatStructured(result.value));
              return result;
            })
          : await deps.llm.run(plan, { ...hooks, onDelta: stream.delta });
        const { model, tokensIn, tokensOut, latencyMs, costUsd } = outcome;
        return { provider: model.provider, model: model.model, tokensIn, tokensOut, latencyMs, costUsd };
      }, owner === undefined ? {} : { owner });
      return { streamId, sources };
    },
  };
}

export type InlineService = ReturnType<typeof createInlineService>;

/** Turns `{ideas: [{title, pitch}]}`-like answers into a list a writer can read and paste. */
export function formatStructured(value: unknown): string {
  if (value && typeof value === 'object') {
    const lists = Object.values(value).filter(Array.isArray);
    const items = lists.flat();
    if (items.length > 0) {
      return items
        .map((item) => {
          if (item && typeof item === 'object') {
            const fields = Object.values(item).filter((v) => typeof v === 'string');
            return `• ${fields.join(' — ')}`;
          }
          return `• ${String(item)}`;
        })
        .join('\n');
    }
  }
  return JSON.stringify(value, null, 2);
}
