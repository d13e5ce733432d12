import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answersSummary, replyWithSummaries } from './fake-summaries';
import type { FakeChatRequest } from './fake-llm-server.types';

const schemaOf = (promptId: string) => (parse(readFileSync(`prompts/${promptId}.yaml`, 'utf8')) as { outputSchema: Record<string, unknown> }).outputSchema;
const request = (jsonSchema: unknown, user = 'Mara climbs the stair and lights the lamp.'): FakeChatRequest => ({
  provider: 'ollama',
  model: 'llama3.2',
  messages: [
    { role: 'system', content: 'Summarise.' },
    { role: 'user', content: user },
  ],
  jsonSchema,
  body: {},
});

describe('the fake summaries of the browser mode', () => {
  it('answer both summary prompts with JSON their schema accepts, whatever text a flow scripted', () => {
    const reply = replyWithSummaries('The lamp guttered.');
    if (typeof reply !== 'function') throw new Error('expected a reply function');
    for (const promptId of ['summarize-chat', 'summarize-scene']) {
      const schema = schemaOf(promptId);
      const answer = reply(request(schema));
      expect(new Ajv().validate(schema, JSON.parse(answer)), promptId).toBe(true);
      expect(JSON.parse(answer)).toMatchObject({ summary: 'Mara climbs the stair and lights the lamp.' });
    }
  });

  it('leave chat replies and other structured prompts to the scripted text', () => {
    const reply = replyWithSummaries('The lamp guttered.');
    if (typeof reply !== 'function') throw new Error('expected a reply function');
    expect(reply(request(undefined))).toBe('The lamp guttered.');
    expect(answersSummary(request(schemaOf('extract-facts')))).toBe(false);
    expect(reply(request({ type: 'object', required: ['summary', 'verdict'] }))).toBe('The lamp guttered.');
  });
});
