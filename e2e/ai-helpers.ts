import { E2E_AI_CONTROL_PORT } from './e2e.constants';

/** The fake providers' default answer (scripts/web-fake-ai.ts). */
export const DEFAULT_REPLY = 'The lamp guttered, and the keeper listened to the sea.';

/** Drives the fake Ollama / OpenAI / Anthropic server behind the AI browser mode. */
export async function fakeAi(action: 'reply' | 'fail' | 'stop' | 'start' | 'models' | 'reset-setup' | 'pull-steps', body: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${E2E_AI_CONTROL_PORT}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`fake AI control /${action} answered ${response.status}`);
}
