import type { Page } from '@playwright/test';
import { connectWsClient } from '../src/main/testing/ws-client';
import { E2E_AI_CONTROL_PORT, E2E_AI_PORT, E2E_TOKEN } from './e2e.constants';
import { expect } from './helpers';

/** The fake providers' default answer (scripts/web-fake-ai.ts). */
export const DEFAULT_REPLY = 'The lamp guttered, and the keeper listened to the sea.';

/** What the AI browser mode is busy with: streams the core runs, model requests the fake answers. */
export async function fakeAiState(): Promise<{ runningStreams: number; openRequests: number }> {
  const response = await fetch(`http://127.0.0.1:${E2E_AI_CONTROL_PORT}/state`, { method: 'POST' });
  if (!response.ok) throw new Error(`fake AI control /state answered ${response.status}`);
  return (await response.json()) as { runningStreams: number; openRequests: number };
}

/** Drives the fake Ollama / OpenAI / Anthropic server behind the AI browser mode. */
export async function fakeAi(action: 'reply' | 'fail' | 'stop' | 'start' | 'models' | 'reset-setup' | 'pull-steps', body: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${E2E_AI_CONTROL_PORT}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`fake AI control /${action} answered ${response.status}`);
}

/** A chat request the fake providers received: what the model was sent. */
export interface SentChat {
  provider: string;
  model: string;
  messages: Array<{ role: string; content: string }>;
}

/** The chat requests the fake providers have received so far, oldest first. */
export async function sentChats(): Promise<SentChat[]> {
  const response = await fetch(`http://127.0.0.1:${E2E_AI_CONTROL_PORT}/chat-requests`, { method: 'POST' });
  if (!response.ok) throw new Error(`fake AI control /chat-requests answered ${response.status}`);
  return (await response.json()) as SentChat[];
}

/** A test-only job (`test.rows`, see src/main/testing/test-job-kinds.ts) enqueued in the AI browser mode. */
export async function enqueueTestJob(body: { count: number; delayMs?: number; failFirstRun?: boolean }): Promise<{ id: string; title: string }> {
  const response = await fetch(`http://127.0.0.1:${E2E_AI_CONTROL_PORT}/jobs`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`fake AI control /jobs answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; title: string };
}

/** The id of the project open in the page (its route is `#/project/<id>`). */
export function openProjectId(page: Page): string {
  const id = /#\/project\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no project is open at ${page.url()}`);
  return id;
}

/**
 * Waits until the AI browser mode has indexed everything of a project for meaning (indexing is
 * a background job a few seconds after each save), so what chat and inline AI retrieve is settled.
 */
export async function waitIndexed(projectId: string, minChunks = 1): Promise<void> {
  const client = await connectWsClient(`http://127.0.0.1:${E2E_AI_PORT}`, E2E_TOKEN);
  try {
    await expect
      .poll(
        async () => {
          const status = await client.call('memory.indexStatus', { projectId });
          return status.meaning === 'ready' && status.chunks >= minChunks && status.pendingChunks === 0 && status.job === null;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  } finally {
    client.close();
  }
}
