import type { FakeChatRequest, FakeReply } from './fake-llm-server.types';

/*
 * The memory's episodic summaries (prompts summarize-chat and summarize-scene) answered by rule,
 * for the browser mode with the fake provider: whatever plain text a flow scripts for chat
 * replies, the summary jobs that run in the background after a chat or a scene goes quiet get a
 * schema-valid answer instead of failing. (The core's own summary tests script their answers.)
 */

const SUMMARY_FIELDS = ['summary', 'decisions', 'characters', 'events'];

/** A structured request whose schema asks for a summary object (summary + lists). */
export function answersSummary(request: FakeChatRequest): boolean {
  const schema = request.jsonSchema as { required?: unknown } | undefined;
  const required = Array.isArray(schema?.required) ? (schema.required as unknown[]) : [];
  return required.includes('summary') && required.every((field) => typeof field === 'string' && SUMMARY_FIELDS.includes(field));
}

/** `{summary, …}` with every list the schema requires (empty), from the start of what was sent. */
export function fakeSummary(request: FakeChatRequest): string {
  const schema = request.jsonSchema as { required: string[] };
  const sent = request.messages.filter((m) => m.role === 'user').map((m) => m.content).join(' ');
  const gist = sent.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160) || 'Nothing happened yet.';
  const answer: Record<string, unknown> = { summary: gist };
  for (const field of schema.required) if (field !== 'summary') answer[field] = [];
  return JSON.stringify(answer);
}

/** A scripted plain-text reply that leaves the summary requests to {@link fakeSummary}. */
export function replyWithSummaries(text: string): FakeReply {
  return (request) => (answersSummary(request) ? fakeSummary(request) : text);
}
