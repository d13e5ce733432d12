import type { FakeChatRequest } from './fake-llm-server.types';

/** What a fake agent answer reads from the request: the rendered system and user text. */
export interface AgentRequestText {
  system: string;
  user: string;
}

export function requestText(request: FakeChatRequest): AgentRequestText {
  const of = (role: string) => request.messages.filter((m) => m.role === role).map((m) => m.content).join('\n');
  return { system: of('system'), user: of('user') };
}

/** The text between `<tag>` and `</tag>` (first occurrence), trimmed; '' when absent. */
export function tagged(text: string, tag: string): string {
  return (new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text)?.[1] ?? '').trim();
}

/** Non-empty lines without their bullet. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
}

/** The author's request line the prompts render ("The author's request: …"). */
export function authorRequest(user: string): string {
  return /The author(?:'s request:| asks:) (.+)/.exec(user)?.[1]?.trim() ?? '';
}

/** The first sentence of a text, for quotes. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return (/^.{1,200}?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat.slice(0, 120)).trim();
}

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30) || 'topic';
