import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ChatMessage, ChatRoute } from '../../../shared/models/chat';
import { Limits } from '../../../shared/models/common';
import type { RunTarget } from '../../../shared/models/runs';
import type { IntentRouter, RoutedIntent, RunStarter } from '../crew-routing';

/** What chat needs of the crew: the router and a way to start runs. */
export interface ChatCrew {
  router: Pick<IntentRouter, 'route' | 'explicit'>;
  runs: RunStarter;
  /** Told when classifying failed and the message was answered as plain chat instead. */
  onRouteFailed?: (error: unknown) => void;
}

/** A message the crew takes: a run to start, or a question back. Null: answer as plain chat. */
export type CrewTake =
  | { kind: 'run'; runId: string; reply: string }
  | { kind: 'clarify'; reply: string };

interface CrewRequest {
  projectId: string;
  sessionId: string;
  text: string;
  route: ChatRoute;
  target?: RunTarget | undefined;
  openSceneId?: string | undefined;
  /** The crew asked a question back as the last reply: the request it was about, and the question. */
  earlier?: { request: string; question: string } | undefined;
}

/**
 * The exchange a message answers when the last reply is the crew's question back: a complete
 * assistant reply that no model wrote (model null) and that started no run, after the request.
 */
export function pendingQuestion(messages: readonly ChatMessage[]): { request: string; question: string } | undefined {
  const question = messages.at(-1);
  const request = messages.at(-2);
  if (!question || !request || question.role !== 'assistant' || request.role !== 'user') return undefined;
  if (question.status !== 'complete' || question.model !== null || question.runId !== null) return undefined;
  return { request: request.content, question: question.content };
}

/** "Started “Draft a chapter from its outline” on Chapter 4: The Storm." */
function startedSentence(routed: RoutedIntent): string {
  const title = routed.title ?? 'the run';
  return routed.targetLabel ? `Started “${title}” on ${routed.targetLabel}.` : `Started “${title}”.`;
}

/**
 * Decides whether the crew takes a chat message and, for a run, starts it. Classifying
 * (`auto`) asks the model; an explicit pick only resolves its target. A failed classification
 * falls back to plain chat (the writer still gets an answer); a failed start throws, so nothing
 * is stored and the writer can send again.
 */
export async function crewTake(crew: ChatCrew | undefined, request: CrewRequest, signal: AbortSignal): Promise<CrewTake | null> {
  const { route } = request;
  if (route.kind === 'chat') return null;
  if (!crew) {
    if (route.kind === 'auto') return null;
    throw new AppError(ErrorCode.CONFLICT, 'The agent crew is not available, so this message can only be answered in the chat.');
  }
  const where = { projectId: request.projectId, message: request.text, openSceneId: request.openSceneId, target: request.target };
  let routed: RoutedIntent;
  if (route.kind === 'auto') {
    try {
      routed = await crew.router.route({ ...where, earlier: request.earlier, signal });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.CANCELLED) throw error;
      crew.onRouteFailed?.(error);
      return null;
    }
  } else {
    routed = crew.router.explicit({ ...where, pick: route });
  }
  const { intent } = routed;
  if (intent.kind === 'chat') return null;
  if (intent.kind === 'clarify') return { kind: 'clarify', reply: intent.question };
  // A run started by an answer does what was asked before it.
  const withEarlier = request.earlier && route.kind === 'auto' ? `${request.earlier.request}\n${request.text}` : request.text;
  const asked = withEarlier.length <= Limits.shortText ? withEarlier : request.text;
  if (asked.length > Limits.shortText) {
    throw new AppError(
      ErrorCode.INVALID_INPUT,
      `A request for the crew can be at most ${Limits.shortText.toLocaleString('en')} characters; this one has ${asked.length.toLocaleString('en')}. Shorten it, or pick “Just chat”.`,
    );
  }
  const base = { projectId: request.projectId, sessionId: request.sessionId, request: asked, target: intent.target };
  const run = await crew.runs.start(
    intent.kind === 'playbook'
      ? { ...base, playbookId: intent.playbookId }
      : intent.kind === 'agent'
        ? { ...base, agent: { agentId: intent.agentId, capability: intent.capability } }
        : { ...base, plan: intent.plan },
  );
  return { kind: 'run', runId: run.id, reply: startedSentence(routed) };
}
