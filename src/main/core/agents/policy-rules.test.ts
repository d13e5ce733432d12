import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../../shared/models/policy';
import type { ProposalChange } from '../../../shared/models/runs';
import { checkPolicy } from './policy-rules';
import { DEFAULT_POLICY_FILE, parsePolicyYaml } from './policy.service';

const SCENE = '11111111-1111-4111-8111-111111111111';
const CHAPTER = '22222222-2222-4222-8222-222222222222';
const prose = (after: string): ProposalChange => ({ type: 'scene-text', sceneId: SCENE, sceneTitle: 'The Lamp', baseRevision: 3, before: '', after });
const newScene = (title: string, after: string): ProposalChange => ({ type: 'new-scene', chapterId: CHAPTER, chapterTitle: 'One', title, after });
const codex = (kind: string, description: string, fields: Record<string, string> = {}): ProposalChange => ({ type: 'codex', entryId: null, kind, name: 'Mara', before: null, after: { description, fields } });
const memory = (content: string): ProposalChange => ({ type: 'memory', kind: 'core', content, markers: [] });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

const rule = <T extends PolicyRule['type']>(r: Extract<PolicyRule, { type: T }>) => r;

describe('policy rules', () => {
  it('blocked words: whole words and phrases, any case, in everything a change writes', () => {
    const rules = [rule({ id: 'no-darn', type: 'blocked-words', words: ['darn', 'heck of a'], blocking: true })];
    expect(checkPolicy(rules, prose('Well, DARN it.'))).toEqual([{ rule: 'no-darn', message: 'It contains “DARN”, which the policy blocks.', blocking: true }]);
    expect(checkPolicy(rules, newScene('A heck  of a day', 'Calm.'))).toHaveLength(1);
    expect(checkPolicy(rules, codex('character', 'Fine.', { Voice: 'says darn a lot' }))).toHaveLength(1);
    expect(checkPolicy(rules, memory('darn'))).toHaveLength(1);
    // Inside a longer word it is not the word.
    expect(checkPolicy(rules, prose('She darned the socks by the darnel.'))).toEqual([]);
  });

  it('blocked pattern: a regular expression, case-insensitive, with the rule’s message and what matched', () => {
    const rules = [rule({ id: 'todo', type: 'blocked-pattern', pattern: '\\[todo[^\\]]*\\]', blocking: true, message: 'A placeholder is left.' })];
    expect(checkPolicy(rules, prose('He said [TODO: name] and left.'))).toEqual([{ rule: 'todo', message: 'A placeholder is left. (“[TODO: name]”)', blocking: true }]);
    expect(checkPolicy(rules, prose('He said [to do] and left.'))).toEqual([]);
  });

  it('length: prose only, at least and at most', () => {
    const rules = [rule({ id: 'len', type: 'length', minWords: 5, maxWords: 10, blocking: false })];
    expect(checkPolicy(rules, prose(words(3)))).toEqual([{ rule: 'len', message: 'The text has 3 words; the policy asks for at least 5.', blocking: false }]);
    expect(checkPolicy(rules, newScene('T', words(11)))).toEqual([{ rule: 'len', message: 'The text has 11 words; the policy allows at most 10.', blocking: false }]);
    expect(checkPolicy(rules, prose(words(7)))).toEqual([]);
    expect(checkPolicy(rules, memory(words(40)))).toEqual([]);
  });

  it('required fields: codex proposals of the rule’s kinds, description or profile fields (any case)', () => {
    const rules = [
      rule({ id: 'desc', type: 'required-fields', kinds: [], fields: ['description'], blocking: true }),
      rule({ id: 'char', type: 'required-fields', kinds: ['character'], fields: ['Role', 'Motivation'], blocking: false }),
    ];
    expect(checkPolicy(rules, codex('character', '  ', { role: 'Keeper' }))).toEqual([
      { rule: 'desc', message: 'The character “Mara” has no description, which the policy requires.', blocking: true },
      { rule: 'char', message: 'The character “Mara” has no Motivation, which the policy requires.', blocking: false },
    ]);
    expect(checkPolicy(rules, codex('character', 'A keeper.', { Role: 'Keeper', Motivation: 'To be needed.' }))).toEqual([]);
    expect(checkPolicy(rules, codex('location', 'A rock.'))).toEqual([]);
    expect(checkPolicy(rules, prose(''))).toEqual([]);
  });
});

describe('the shipped policy', () => {
  const parsed = parsePolicyYaml(readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems);
  const { rules } = parsed;
  const normal =
    'The lamp guttered, and Mara listened to the sea. “I’m sorry, but I can’t stay,” she said, and she meant it. Notes: the tide tables [see chapter two] were wrong again. ' +
    words(200);

  it('has real rules of every type', () => {
    expect(new Set(rules.map((r) => r.type))).toEqual(new Set(['length', 'required-fields', 'blocked-pattern', 'blocked-words']));
  });

  it('lets normal prose and a complete character through', () => {
    expect(checkPolicy(rules, prose(normal))).toEqual([]);
    expect(checkPolicy(rules, codex('character', 'A keeper of lights.', { Role: 'Keeper', Motivation: 'To be needed.' }))).toEqual([]);
  });

  it('flags a cut-off draft, a placeholder, a disclaimer and a codex proposal without a description', () => {
    expect(checkPolicy(rules, prose('Too short.')).map((v) => [v.rule, v.blocking])).toEqual([['scene-length', false]]);
    expect(checkPolicy(rules, prose(`${normal} Then [insert name here] arrived.`)).map((v) => v.rule)).toEqual(['placeholders']);
    expect(checkPolicy(rules, prose(`${normal} As an AI language model, I cannot write this.`)).map((v) => v.rule)).toEqual(['assistant-disclaimer']);
    expect(checkPolicy(rules, codex('location', '')).map((v) => [v.rule, v.blocking])).toEqual([['codex-description', true]]);
    expect(checkPolicy(rules, prose(`${normal} It was a testament to her will.`)).map((v) => [v.rule, v.blocking])).toEqual([['stock-phrases', false]]);
  });
});
