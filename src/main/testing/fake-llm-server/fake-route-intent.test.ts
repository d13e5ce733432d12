import { describe, expect, it } from 'vitest';
import { answersRouteIntent, fakeRouteIntent } from './fake-route-intent';
import type { FakeChatRequest } from './fake-llm-server.types';

const request = (message: string, lists: { capabilities?: string; playbooks?: string } = {}): FakeChatRequest => ({
  provider: 'ollama',
  model: 'llama3.2',
  messages: [
    {
      role: 'system',
      content: [
        `<capabilities>\n${lists.capabilities ?? 'editor/pacing-review — Reviews pacing (Editor; inputs: chapter_title)'}\n</capabilities>`,
        `<playbooks>\n${lists.playbooks ?? 'draft-chapter — Draft a chapter from its outline: … (target: chapter)'}\n</playbooks>`,
        '<chapters>\nChapter 1: The Harbour\n</chapters>',
        '<entries>\nMara (character)\n</entries>',
      ].join('\n'),
    },
    { role: 'user', content: `The writer's message:\n\n<message>\n${message}\n</message>` },
  ],
  jsonSchema: { title: 'route-intent', type: 'object' },
  body: {},
});

const answer = (message: string, lists?: Parameters<typeof request>[1]) => JSON.parse(fakeRouteIntent(request(message, lists))) as Record<string, unknown>;

describe('the fake intent router', () => {
  it('answers only the route-intent schema', () => {
    expect(answersRouteIntent(request(''))).toBe(true);
    expect(answersRouteIntent({ ...request(''), jsonSchema: { title: 'continuity-facts' } })).toBe(false);
  });

  it('routes by keywords to listed playbooks and capabilities, naming the chapter by number or title', () => {
    expect(answer('Draft chapter 1 from its outline')).toMatchObject({ kind: 'playbook', playbook: 'draft-chapter', chapter: '1' });
    expect(answer('Draft The Harbour from its outline')).toMatchObject({ kind: 'playbook', playbook: 'draft-chapter', chapter: 'The Harbour' });
    expect(answer('Is the pacing of chapter 1 off?')).toMatchObject({ kind: 'agent', agent: 'editor', capability: 'pacing-review', chapter: '1' });
  });

  it('never answers an id the prompt did not list: without the playbook, drafting is plain chat', () => {
    expect(answer('Draft chapter 1 from its outline', { playbooks: '(none)' })).toMatchObject({ kind: 'chat', playbook: null });
  });

  it('asks for vague requests and answers the rest as chat', () => {
    expect(answer('Fix it')).toMatchObject({ kind: 'clarify', question: expect.stringContaining('What would you like the crew to do') });
    expect(answer('Tell me about the sea.')).toMatchObject({ kind: 'chat', question: null });
  });
});
