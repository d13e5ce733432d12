import { prepareChat, sendError } from './chat-common';
import { sse, type Exchange } from './exchange';
import { contentText } from './fake-text';
import type { FakeChatMessage, FakeChatRequest } from './fake-llm-server.types';
import { errorAnswer } from './provider-errors';

/** Anthropic's REST API (`/v1/...`) as `@anthropic-ai/sdk` calls it. */
export async function handleAnthropic(ex: Exchange): Promise<void> {
  const route = `${ex.req.method ?? 'GET'} ${ex.record.path}`;
  switch (route) {
    case 'GET /v1/models':
      return listModels(ex);
    case 'POST /v1/messages':
      return messages(ex);
    default:
      return sendError(ex, errorAnswer('anthropic', 404, `Not found: ${route}`));
  }
}

/** One page of models; `limit` and `after_id` page through them like the real API. */
function listModels(ex: Exchange): Promise<void> {
  const query = new URL(ex.req.url ?? '/', 'http://fake').searchParams;
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const all = ex.state.models.anthropic;
  const afterId = query.get('after_id');
  const start = afterId ? all.findIndex((m) => m.name === afterId) + 1 : 0;
  const page = all.slice(start, start + limit);
  return ex.json(200, {
    data: page.map((m) => ({
      type: 'model',
      id: m.name,
      display_name: m.name,
      created_at: '2025-01-01T00:00:00Z',
      max_input_tokens: m.contextWindow ?? 200_000,
      max_tokens: 64_000,
    })),
    has_more: start + limit < all.length,
    first_id: page[0]?.name ?? null,
    last_id: page.at(-1)?.name ?? null,
  });
}

interface ToolChoice {
  type?: string;
  name?: string;
}

function forcedTool(body: Record<string, unknown>): { name: string; schema: unknown } | undefined {
  const choice = body.tool_choice as ToolChoice | undefined;
  if (choice?.type !== 'tool' || !Array.isArray(body.tools)) return undefined;
  const tool = (body.tools as Array<{ name?: string; input_schema?: unknown }>).find((t) => t.name === choice.name);
  return tool?.name ? { name: tool.name, schema: tool.input_schema } : undefined;
}

function toChatRequest(ex: Exchange): FakeChatRequest {
  const list = Array.isArray(ex.body.messages) ? (ex.body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  const system = contentText(ex.body.system);
  const messages: FakeChatMessage[] = [
    ...(system ? [{ role: 'system', content: system }] : []),
    ...list.map((m) => ({ role: String(m.role ?? 'user'), content: contentText(m.content) })),
  ];
  const tool = forcedTool(ex.body);
  return { provider: 'anthropic', model: String(ex.body.model ?? ''), messages, ...(tool && { jsonSchema: tool.schema }), body: ex.body };
}

function messages(ex: Exchange): Promise<void> {
  const request = toChatRequest(ex);
  const prepared = prepareChat(ex, request);
  if (!prepared.ok) return sendError(ex, prepared.error);
  const tool = forcedTool(ex.body);
  const id = `msg_fake${ex.record.id}`;
  const block = tool ? { type: 'tool_use', id: `toolu_fake${ex.record.id}`, name: tool.name, input: {} } : { type: 'text', text: '' };
  const stopReason = tool ? 'tool_use' : 'end_turn';
  const message = (content: unknown[], outputTokens: number) => ({
    id,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: { input_tokens: prepared.promptTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  });
  if (ex.body.stream !== true) {
    const content = tool ? [{ ...block, input: safeParse(prepared.text) }] : [{ type: 'text', text: prepared.text }];
    return ex.json(200, { ...message(content, prepared.completionTokens), stop_reason: stopReason });
  }
  const delta = (text: string) =>
    sse({ type: 'content_block_delta', index: 0, delta: tool ? { type: 'input_json_delta', partial_json: text } : { type: 'text_delta', text } }, 'content_block_delta');
  return ex.stream({
    contentType: 'text/event-stream; charset=utf-8',
    prelude: [
      sse({ type: 'message_start', message: message([], 1) }, 'message_start'),
      sse({ type: 'content_block_start', index: 0, content_block: block }, 'content_block_start'),
      sse({ type: 'ping' }, 'ping'),
    ],
    tokens: prepared.tokens.map(delta),
    epilogue: [
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sse(
        { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: prepared.completionTokens } },
        'message_delta',
      ),
      sse({ type: 'message_stop' }, 'message_stop'),
    ],
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
