import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { ChatMessage, ChatRoute, ChatSession } from '../../../shared/models/chat';
import type { RunTarget } from '../../../shared/models/runs';
import type { EventBus } from '../events';
import type { LlmMessage, LlmService, StreamRegistry } from '../llm';
import type { Clock, IdGenerator } from '../platform/clock';
import { gatherFor, type GatherForDeps, type PromptWithSources, type WritingContextSource } from '../writing-ai';
import { crewTake, pendingQuestion, type ChatCrew, type CrewTake } from './chat-crew';
import { sourcesColumn, type ChatRepo } from './chat.repo';
import { estimateTokens, fitHistory } from './history-window';

export interface ChatDeps extends GatherForDeps {
  repo: ChatRepo;
  projectExists(projectId: string): boolean;
  /** Whether a scene of the project is still there (not in the trash). */
  sceneIsLive(projectId: string, sceneId: string): boolean;
  context: WritingContextSource;
  llm: LlmService;
  streams: StreamRegistry;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  /** Told when a conversation has new messages (the chat summary job waits for it to go quiet). */
  onConversation?: (session: ChatSession) => void;
  /** The agent crew: absent, every message is answered as plain chat. */
  crew?: ChatCrew;
}

/** What a send is asked with besides the text and its context. */
interface SendInput {
  sessionId: string;
  text: string;
  context: ChatContext;
  /** Who answers (default `auto`: the crew's router decides). */
  route?: ChatRoute | undefined;
  target?: RunTarget | undefined;
}

/** The scene and selection a question is asked with. */
interface ChatContext {
  sceneId?: string | undefined;
  selection: string;
}

/** Streamed text is written to the database at most this often (ms), and once at the end. */
const PERSIST_EVERY_MS = 500;
const CHAT_PROMPT = 'chat';

/** Chat sessions per project: persisted messages, streamed replies, stop and regenerate. */
export function createChatService(deps: ChatDeps) {
  const { repo, events, clock, ids } = deps;

  const liveSession = (id: string): ChatSession => {
    const session = repo.findLiveSession(id);
    if (!session || !deps.projectExists(session.projectId)) throw notFound('The chat');
    return session;
  };
  /** The last question of a conversation, which a regenerate answers again with its own context. */
  const lastQuestion = (session: ChatSession): ChatMessage => {
    const question = repo.listMessages(session.id).findLast((m) => m.role === 'user');
    if (!question) throw new AppError(ErrorCode.CONFLICT, 'There is no question to answer again yet.');
    const sceneId = question.context?.sceneId ?? null;
    if (sceneId !== null && !deps.sceneIsLive(session.projectId, sceneId)) {
      throw new AppError(
        ErrorCode.NOT_FOUND,
        'The scene this question was about is in the trash or was deleted, so it can’t be answered again with it. Restore the scene, or ask again.',
      );
    }
    return question;
  };
  const changed = (session: ChatSession) => {
    repo.updateSession(session.id, {}, clock.now());
    events.emit('chat.changed', { projectId: session.projectId, sessionId: session.id });
  };

  /** The chat prompt for `message`, its context taken from retrieval (the message is the query). */
  const prepare = (session: ChatSession, input: ChatContext, message: string): Promise<PromptWithSources> =>
    gatherFor(deps, {
      promptId: CHAT_PROMPT,
      projectId: session.projectId,
      values: { ...deps.context.describe(session.projectId, input.sceneId), selection: input.selection, message },
      query: message,
      alreadyShown: input.selection,
    });

  /**
   * Starts the assistant's reply to the conversation as it stands (its last message is the
   * user's), with the prompt {@link prepare}d for it. `owner`: the connection that asked, whose
   * going away stops the reply.
   */
  function reply(session: ChatSession, prepared: PromptWithSources, owner: string | undefined) {
    const messages = repo.listMessages(session.id);
    const last = messages.at(-1);
    if (!last || last.role !== 'user') throw new AppError(ErrorCode.CONFLICT, 'There is no message to answer yet.');
    const { rendered, sources, room } = prepared;
    const history = toModelHistory(messages.slice(0, -1));
    const budget = room - estimateTokens(rendered.system) - estimateTokens(rendered.user);
    const { kept, dropped } = fitHistory(history, Math.max(0, budget));
    const trimNote =
      dropped > 0
        ? `${dropped} earlier message${dropped === 1 ? ' was' : 's were'} left out of what the model sees, to fit its context window.`
        : null;
    if (trimNote) repo.appendMessage({ id: ids.newId(), sessionId: session.id, role: 'note', content: trimNote, status: 'complete', createdAt: clock.now() });

    const assistant = repo.appendMessage({
      id: ids.newId(),
      sessionId: session.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      sources: sourcesColumn(sources),
      createdAt: clock.now(),
    });
    changed(session);
    let text = '';
    let lastPersist = 0;
    let model: string | null = null;
    const streamId = deps.streams.start(
      async (stream) => {
        if (trimNote) stream.notice('trimmed', trimNote);
        const outcome = await deps.llm.run(
          {
            taskClass: rendered.taskClass,
            promptId: CHAT_PROMPT,
            promptVersion: rendered.version,
            projectId: session.projectId,
            assignmentKey: session.projectId,
            messages: [{ role: 'system', content: rendered.system }, ...kept, { role: 'user', content: rendered.user }],
            ...(rendered.temperature !== undefined && { temperature: rendered.temperature }),
            ...(rendered.maxTokens !== undefined && { maxTokens: rendered.maxTokens }),
          },
          {
            signal: stream.signal,
            onNotice: stream.notice,
            onDelta: (delta) => {
              text += delta;
              stream.delta(delta);
              if (clock.now() - lastPersist >= PERSIST_EVERY_MS) {
                lastPersist = clock.now();
                repo.updateMessage(assistant.id, { content: text });
              }
            },
          },
        );
        model = `${outcome.model.provider}/${outcome.model.model}`;
        return { provider: outcome.model.provider, model: outcome.model.model, tokensIn: outcome.tokensIn, tokensOut: outcome.tokensOut, latencyMs: outcome.latencyMs, costUsd: outcome.costUsd };
      },
      {
        ...(owner !== undefined && { owner }),
        onEnd: (status, error) => {
          repo.updateMessage(assistant.id, { content: text, status: status === 'done' ? 'complete' : status === 'cancelled' ? 'cancelled' : 'error', model, error: error ?? null });
          changed(session);
          // Read again: the first message renames the session after the reply started.
          const current = status === 'done' ? repo.findLiveSession(session.id) : undefined;
          if (current) deps.onConversation?.(current);
        },
      },
    );
    return { streamId, assistantMessageId: assistant.id };
  }

  const storeQuestion = (session: ChatSession, input: SendInput): ChatMessage => {
    const user = repo.appendMessage({
      id: ids.newId(),
      sessionId: session.id,
      role: 'user',
      content: input.text,
      status: 'complete',
      // Kept with the question so a regenerated answer is given the same context.
      contextSceneId: input.context.sceneId ?? null,
      contextSelection: input.context.selection === '' ? null : input.context.selection,
      createdAt: clock.now(),
    });
    // A first message names the session, as chat apps do.
    if (session.title === 'New chat') repo.updateSession(session.id, { title: input.text.slice(0, 60) }, clock.now());
    return user;
  };

  /** The crew's reply, complete at once: the run it started (linked), or its question. */
  const storeCrewReply = (session: ChatSession, take: CrewTake) => {
    const runId = take.kind === 'run' ? take.runId : null;
    const assistant = repo.appendMessage({ id: ids.newId(), sessionId: session.id, role: 'assistant', content: take.reply, status: 'complete', runId, createdAt: clock.now() });
    changed(session);
    return { streamId: null, assistantMessageId: assistant.id, runId };
  };

  return {
    list(projectId: string): ChatSession[] {
      if (!deps.projectExists(projectId)) throw notFound('The project');
      return repo.listSessions(projectId);
    },
    create(projectId: string, title?: string): ChatSession {
      if (!deps.projectExists(projectId)) throw notFound('The project');
      const now = clock.now();
      return repo.insertSession({ id: ids.newId(), projectId, title: title ?? 'New chat', createdAt: now, updatedAt: now });
    },
    rename(id: string, title: string): ChatSession {
      const session = liveSession(id);
      repo.updateSession(id, { title }, clock.now());
      return { ...session, title, updatedAt: clock.now() };
    },
    remove(id: string): void {
      const session = liveSession(id);
      repo.updateSession(id, { deletedAt: clock.now() }, clock.now());
      events.emit('chat.changed', { projectId: session.projectId, sessionId: id });
    },
    messages(sessionId: string): ChatMessage[] {
      liveSession(sessionId);
      return repo.listMessages(sessionId);
    },
    /**
     * Stores the writer's message and answers it: the crew takes it (a run started, or a
     * question back — both stored as a complete reply, no stream) or the reply streams. What
     * the answer needs (routing, retrieval, the run's start) happens first, so nothing is
     * stored if that fails.
     */
    async send(input: SendInput, owner?: string) {
      const first = liveSession(input.sessionId);
      const route = input.route ?? { kind: 'auto' };
      const take = await crewTake(
        deps.crew,
        {
          projectId: first.projectId,
          sessionId: first.id,
          text: input.text,
          route,
          target: input.target,
          openSceneId: input.context.sceneId,
          earlier: pendingQuestion(repo.listMessages(first.id)),
        },
        new AbortController().signal,
      );
      const prepared = take ? null : await prepare(first, input.context, input.text);
      // Checked again: the session may have been deleted while memory was searched.
      const session = liveSession(input.sessionId);
      const user = storeQuestion(session, input);
      if (take) return { ...storeCrewReply(session, take), userMessageId: user.id };
      return { ...reply(session, prepared as PromptWithSources, owner), userMessageId: user.id, runId: null };
    },
    /** Replaces the last reply (and any note after the last question) with a new answer. */
    async regenerate(sessionId: string, owner?: string) {
      const question = lastQuestion(liveSession(sessionId));
      const prepared = await prepare(liveSession(sessionId), contextOf(question), question.content);
      const session = liveSession(sessionId);
      const messages = repo.listMessages(sessionId);
      const lastUser = messages.findLastIndex((m) => m.role === 'user');
      if (messages[lastUser]?.id !== question.id) throw new AppError(ErrorCode.CONFLICT, 'The conversation changed meanwhile. Try again.');
      if (messages.slice(lastUser + 1).some((m) => m.runId !== null)) {
        throw new AppError(ErrorCode.CONFLICT, 'This message started an agent run. Open the run to retry or cancel it, or send a new message.');
      }
      repo.deleteMessages(messages.slice(lastUser + 1).map((m) => m.id));
      return { ...reply(session, prepared, owner), userMessageId: null, runId: null };
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;

/** The context a question was sent with. */
function contextOf(question: ChatMessage): ChatContext {
  const sceneId = question.context?.sceneId ?? null;
  return { ...(sceneId !== null && { sceneId }), selection: question.context?.selection ?? '' };
}

/** What the model sees of the past: finished or stopped exchanges, never notes or failures. */
function toModelHistory(messages: readonly ChatMessage[]): LlmMessage[] {
  return messages
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.status !== 'error' && m.content.length > 0)
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
}
