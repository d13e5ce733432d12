import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ProposalChange } from '../../../shared/models/runs';
import { createPolicyService, DEFAULT_POLICY_FILE, USER_POLICY_FILE_NAME } from './policy.service';

let dir: string;
let userFile: string;
const service = () => createPolicyService({ shippedFile: DEFAULT_POLICY_FILE, userFile });
const shippedYaml = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
const USER_YAML = 'version: 1\nrules:\n  - id: no-fog\n    type: blocked-words\n    words: [fog]\n';
const foggy: ProposalChange = { type: 'memory', kind: 'core', content: 'Fog everywhere.', markers: [] };
const placeholder: ProposalChange = { type: 'memory', kind: 'core', content: 'Meet [insert name].', markers: [] };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-policy-'));
  userFile = path.join(dir, USER_POLICY_FILE_NAME);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the policy file', () => {
  it('is the shipped one until the writer saves a copy', () => {
    const policy = service();
    expect(policy.get()).toMatchObject({ source: 'shipped', yaml: shippedYaml, problem: null });
    expect(policy.check(placeholder).map((v) => v.rule)).toEqual(['placeholders']);
    expect(policy.check(foggy)).toEqual([]);
  });

  it('saves a valid copy, which is then in force, also after a restart', () => {
    const saved = service().save(USER_YAML);
    expect(saved).toMatchObject({ source: 'user', yaml: USER_YAML, rules: [{ id: 'no-fog', blocking: true }], problem: null });
    expect(readFileSync(userFile, 'utf8')).toBe(USER_YAML);
    const restarted = service();
    expect(restarted.get().source).toBe('user');
    expect(restarted.check(foggy).map((v) => v.rule)).toEqual(['no-fog']);
    expect(restarted.check(placeholder)).toEqual([]);
  });

  it('refuses an invalid text with every problem, writing nothing', () => {
    const policy = service();
    const refuse = (yaml: string): AppError => {
      try {
        policy.save(yaml);
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
      throw new Error('saved');
    };
    expect(refuse('version: 1\nrules: [')).toMatchObject({ code: ErrorCode.INVALID_INPUT, message: expect.stringContaining('not valid YAML') as unknown });
    expect(refuse('version: 2\nrules:\n  - id: x\n    type: length\n    colour: red\n').message).toMatch(/version: .*rules\.0: has unknown field "colour"/s);
    expect(refuse('version: 1\nrules:\n  - id: x\n    type: blocked-pattern\n    pattern: "(unclosed"\n').message).toContain('rules.0.pattern: is not a valid regular expression');
    expect(refuse(`${USER_YAML}  - id: no-fog\n    type: blocked-words\n    words: [mist]\n`).message).toContain('the id “no-fog” is used twice');
    expect(existsSync(userFile)).toBe(false);
    expect(policy.get().source).toBe('shipped');
  });

  it('reports a copy broken by hand and applies the shipped rules, showing the writer’s text to fix', () => {
    writeFileSync(userFile, 'version: 1\nrules: nope\n');
    const policy = service();
    const file = policy.get();
    expect(file).toMatchObject({ source: 'shipped', yaml: 'version: 1\nrules: nope\n' });
    expect(file.problem).toContain('Your policy file is not valid (rules:');
    expect(file.rules.map((r) => r.id)).toContain('placeholders');
    expect(policy.check(placeholder).map((v) => v.rule)).toEqual(['placeholders']);
    // Fixed by hand: the next get picks it up.
    writeFileSync(userFile, USER_YAML);
    expect(policy.get()).toMatchObject({ source: 'user', problem: null });
    expect(policy.check(foggy).map((v) => v.rule)).toEqual(['no-fog']);
  });

  it('resets to the shipped policy by deleting the copy', () => {
    const policy = service();
    policy.save(USER_YAML);
    expect(policy.reset()).toMatchObject({ source: 'shipped', yaml: shippedYaml, problem: null });
    expect(existsSync(userFile)).toBe(false);
    expect(policy.check(foggy)).toEqual([]);
    expect(policy.reset().source).toBe('shipped');
  });
});
