import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ChatMessage, ChatSession } from '../../../shared/models/chat';
import type { Scene } from '../../../shared/models/manuscript';
import type { LlmService } from '../llm';
import { documentToPlainText } from '../manuscript';
import { structuredCallOf, type PromptRenderer, type WritingContextSource } from '../writing-ai';
import { characterMarkers, type EpisodicMemories, type EpisodicRecord } from './episodic-memories';

export const CHAT_SUMMARY_PROMPT = 'summarize-chat';
export const SCENE_SUMMARY_PROMPT = 'summarize-scene';

/** The conversation a summary reads: its newest turns up to this many characters (~6k tokens). */
const TRANSCRIPT_CHARS = 24_000;
/** A scene shorter than this (in words) has nothing to summarise yet. */
const MIN_SCENE_WORDS = 30;
/** A scene longer than this (characters) is summarised from its opening and its end. */
const SCENE_CHARS = 60_000;

export interface SummariseDeps {
  context: WritingContextSource;
  prompts: PromptRenderer;
  llm: LlmService;
  memories: EpisodicMemories;
  chats: { session(id: string): ChatSession | undefined; messages(sessionId: string): ChatMessage[] };
  /** A live scene, or undefined when it is gone (deleted or in the trash). */
  scene(id: string): Scene | undefined;
}

/** What one summary run did: wrote a memory, or had nothing new to summarise. */
export type SummaryOutcome = { status: 'written'; memory: EpisodicRecord } | { status: 'unchanged' | 'gone' | 'empty' };

const chatSummarySchema = z.object({ summary: z.string().min(1), decisions: z.array(z.string()), characters: z.array(z.string()) });
const sceneSummarySchema = z.object({ summary: z.string().min(1), characters: z.array(z.string()), events: z.array(z.string()) });

/** Runs a structured summary prompt and checks its answer. */
async function ask<T>(deps: SummariseDeps, promptId: string, projectId: string, values: Record<string, string>, schema: z.ZodType<T>, signal: AbortSignal): Promise<T> {
  const rendered = deps.prompts.render(promptId, values);
  if (!rendered.outputSchema) throw new AppError(ErrorCode.INTERNAL, `The prompt "${promptId}" has no output schema.`);
  const result = await deps.llm.runStructured(structuredCallOf(promptId, rendered, projectId), { signal });
  const parsed = schema.safeParse(result.value);
  if (!parsed.success) throw new AppError(ErrorCode.INVALID_OUTPUT, 'The model’s summary did not have the expected fields.');
  return parsed.data;
}

const bullets = (title: string, items: readonly string[]) => (items.length > 0 ? `\n\n${title}\n${items.map((item) => `- ${item.trim()}`).join('\n')}` : '');

/** The conversation as "Author:" / "Assistant:" turns, newest kept when it is long. */
export function transcriptOf(messages: readonly ChatMessage[]): string {
  const turns = messages
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.status !== 'error' && m.content.trim().length > 0)
    .map((m) => `${m.role === 'user' ? 'Author' : 'Assistant'}: ${m.content.trim()}`);
  const kept: string[] = [];
  let length = 0;
  for (let i = turns.length - 1; i >= 0; i -= 1) {
    const turn = turns[i] as string;
    if (length + turn.length > TRANSCRIPT_CHARS) {
      if (kept.length === 0) kept.unshift(turn.slice(-TRANSCRIPT_CHARS));
      break;
    }
    kept.unshift(turn);
    length += turn.length + 2;
  }
  return kept.join('\n\n');
}

/**
 * Summarises a chat session into its episodic memory. Idempotent: when the memory was written
 * after the conversation's last message there is nothing new and no model is called, so a job
 * run twice (a resume after a crash) leaves one memory at one version; new messages make the
 * next run write a new version of the same memory.
 */
export async function summariseChat(deps: SummariseDeps, sessionId: string, signal: AbortSignal): Promise<SummaryOutcome> {
  const session = deps.chats.session(sessionId);
  if (!session) return { status: 'gone' };
  const messages = deps.chats.messages(sessionId).filter((m) => m.status === 'complete' || m.status === 'cancelled');
  const transcript = transcriptOf(messages);
  if (!transcript) return { status: 'empty' };
  const source = { type: 'chat', id: sessionId } as const;
  const existing = deps.memories.find(session.projectId, source);
  const lastAt = Math.max(...messages.map((m) => m.createdAt));
  if (existing && existing.updatedAt >= lastAt) return { status: 'unchanged' };

  const { project_title } = deps.context.describe(session.projectId);
  const answer = await ask(deps, CHAT_SUMMARY_PROMPT, session.projectId, { project_title, chat_title: session.title, transcript }, chatSummarySchema, signal);
  const content = `Chat “${session.title}”: ${answer.summary.trim()}${bullets('Decided:', answer.decisions)}`;
  const memory = deps.memories.write({ projectId: session.projectId, source, content, markers: characterMarkers(answer.characters) });
  return { status: 'written', memory };
}

/** A long scene's opening and end, which carry most of what a summary needs. */
function sceneText(scene: Scene): string {
  const text = documentToPlainText(scene.content);
  if (text.length <= SCENE_CHARS) return text;
  const half = SCENE_CHARS / 2;
  return `${text.slice(0, half)}\n\n[…]\n\n${text.slice(-half)}`;
}

/**
 * Summarises a scene into its episodic memory, through the locked `summarize-scene` prompt.
 * Idempotent like {@link summariseChat}: a memory written after the scene's last change is kept.
 */
export async function summariseScene(deps: SummariseDeps, sceneId: string, signal: AbortSignal): Promise<SummaryOutcome> {
  const scene = deps.scene(sceneId);
  if (!scene) return { status: 'gone' };
  if (scene.wordCount < MIN_SCENE_WORDS) return { status: 'empty' };
  const source = { type: 'scene', id: sceneId } as const;
  const existing = deps.memories.find(scene.projectId, source);
  if (existing && existing.updatedAt >= scene.updatedAt) return { status: 'unchanged' };

  const { project_title, genre, codex } = deps.context.describe(scene.projectId);
  const answer = await ask(deps, SCENE_SUMMARY_PROMPT, scene.projectId, { project_title, genre, codex, scene_title: scene.title, scene_text: sceneText(scene) }, sceneSummarySchema, signal);
  const content = `Scene “${scene.title}”: ${answer.summary.trim()}${bullets('Events:', answer.events)}`;
  const memory = deps.memories.write({ projectId: scene.projectId, source, content, markers: characterMarkers(answer.characters) });
  return { status: 'written', memory };
}
