import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { parseTemplates } from './prompt-checks';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from './prompt-loader';
import { renderTemplate } from './template';

const SHIPPED = ['brainstorm', 'chat', 'continue', 'describe', 'expand', 'extract-facts', 'rewrite', 'route-intent', 'summarize-chat', 'summarize-scene'];

describe('the shipped prompts/ folder', () => {
  const all = loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER);
  const byId = new Map(all.map((d) => [d.id, d]));
  // The agent crew's prompts (agent-*) are checked against their agents in agents/agent-registry.test.ts.
  const definitions = all.filter((d) => !d.id.startsWith('agent-'));

  it('loads every prompt this issue uses, with the right task class, schema and lock', () => {
    expect(definitions.map((d) => d.id)).toEqual(SHIPPED);
    expect(Object.fromEntries(definitions.map((d) => [d.id, d.taskClass]))).toEqual({
      brainstorm: 'creative',
      chat: 'creative',
      continue: 'creative',
      describe: 'creative',
      expand: 'creative',
      'extract-facts': 'structured',
      rewrite: 'rewrite',
      'route-intent': 'classify',
      'summarize-chat': 'structured',
      'summarize-scene': 'structured',
    });
    expect(definitions.filter((d) => d.outputSchema).map((d) => d.id)).toEqual(['brainstorm', 'extract-facts', 'route-intent', 'summarize-chat', 'summarize-scene']);
    expect(definitions.filter((d) => d.locked).map((d) => d.id)).toEqual(['extract-facts', 'route-intent', 'summarize-chat', 'summarize-scene']);
  });

  it('requires only what a caller always has (and the text the action works on)', () => {
    const required = Object.fromEntries(definitions.map((d) => [d.id, d.variables.filter((v) => v.required).map((v) => v.name)]));
    expect(required).toEqual({
      brainstorm: ['project_title'],
      chat: ['project_title', 'message'],
      continue: ['project_title'],
      describe: ['project_title', 'selection'],
      expand: ['project_title', 'selection'],
      'extract-facts': ['project_title', 'entities', 'scene_text'],
      rewrite: ['project_title', 'selection'],
      'route-intent': ['project_title', 'capabilities', 'playbooks', 'message'],
      'summarize-chat': ['project_title', 'transcript'],
      'summarize-scene': ['project_title', 'scene_text'],
    });
  });

  it.each(all.map((d) => d.id))('%s reads cleanly with only its required variables, and with all of them', (id) => {
    const definition = byId.get(id);
    if (!definition) throw new Error(`missing ${id}`);
    const parsed = parseTemplates(definition);
    if (!parsed.ok) throw new Error('unparsable');
    const only = Object.fromEntries(definition.variables.filter((v) => v.required).map((v) => [v.name, `<${v.name}>`]));
    const all = Object.fromEntries(definition.variables.map((v) => [v.name, `<${v.name}>`]));
    for (const values of [only, all]) {
      for (const field of ['system', 'user'] as const) {
        const text = renderTemplate(parsed.templates[field], values);
        expect(text).not.toMatch(/\{\{|\}\}/);
        expect(text).not.toMatch(/\n[ \t]*\n[ \t]*\n/);
        expect(text.length).toBeGreaterThan(0);
      }
    }
    const everything = `${renderTemplate(parsed.templates.system, all)}\n${renderTemplate(parsed.templates.user, all)}`;
    for (const variable of definition.variables) expect(everything).toContain(`<${variable.name}>`);
  });
});

const GOOD = `id: rewrite
version: 1
description: Rewrites the selection.
taskClass: rewrite
system: |
  You edit "{{project_title}}".
user: |
  {{#if tone}}
  Tone: {{tone}}
  {{/if}}
  {{selection}}
variables:
  - name: project_title
  - name: selection
  - name: tone
    required: false
`;

describe('loadPromptDefinitions on bad files', () => {
  let root: string;
  let folder: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'nova-prompts-'));
    folder = path.join(root, 'prompts');
    mkdirSync(folder);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (name: string, text: string) => writeFileSync(path.join(folder, name), text);
  /** The error the folder gives, checked to be an INVALID_INPUT AppError. */
  const failure = (): string => {
    try {
      loadPromptDefinitions(folder);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.INVALID_INPUT);
      return (error as AppError).message;
    }
    throw new Error('the folder loaded');
  };

  it('loads a good file and ignores files that are not .yaml', () => {
    write('rewrite.yaml', GOOD);
    write('README.md', '# notes');
    const [definition] = loadPromptDefinitions(folder);
    expect(definition).toMatchObject({ id: 'rewrite', locked: false, variables: [{ name: 'project_title', required: true }, { name: 'selection' }, { name: 'tone', required: false }] });
  });

  it.each([
    ['a missing field', GOOD.replace('description: Rewrites the selection.\n', ''), 'prompts/rewrite.yaml: description: is missing'],
    ['a wrong type', GOOD.replace('version: 1', 'version: one'), 'prompts/rewrite.yaml: version: Invalid input: expected number, received string'],
    ['a bad enum value', GOOD.replace('taskClass: rewrite', 'taskClass: poetry'), 'prompts/rewrite.yaml: taskClass: Invalid option'],
    ['a bad nested field', GOOD.replace('    required: false', '    required: maybe'), 'prompts/rewrite.yaml: variables.2.required:'],
    ['an unknown field', `${GOOD}temprature: 0.5\n`, 'prompts/rewrite.yaml: (file): has unknown field "temprature"'],
    ['an undeclared variable', GOOD.replace('{{selection}}', '{{selection}} {{mood}}'), 'prompts/rewrite.yaml: user: uses {{mood}} which is not declared in variables'],
    ['an unused variable', `${GOOD}  - name: extra\n    required: false\n`, 'prompts/rewrite.yaml: variables.3: declares "extra" but neither system nor user uses it'],
    ['a variable declared twice', `${GOOD}  - name: tone\n`, 'prompts/rewrite.yaml: variables.3.name: declares "tone" twice'],
    ['an id that is not the file name', GOOD.replace('id: rewrite', 'id: expand'), 'prompts/rewrite.yaml: id: is "expand" but must equal the file name "rewrite"'],
    ['a broken template', GOOD.replace('  {{/if}}\n', ''), 'prompts/rewrite.yaml: user: {{#if tone}} is never closed with {{/if}}'],
    ['an invalid JSON Schema', `${GOOD}outputSchema:\n  type: objekt\n`, 'prompts/rewrite.yaml: outputSchema: is not a valid JSON Schema: schema is invalid: data/type'],
    ['a misspelt JSON Schema keyword', `${GOOD}outputSchema:\n  type: object\n  requird: [a]\n`, 'prompts/rewrite.yaml: outputSchema: is not a valid JSON Schema: strict mode: unknown keyword: "requird"'],
    ['invalid YAML syntax', GOOD.replace('taskClass: rewrite', 'taskClass: [rewrite'), 'prompts/rewrite.yaml: line 5, column 1: is not valid YAML'],
    ['a duplicate key', `${GOOD}id: again\n`, 'prompts/rewrite.yaml: line 17, column 1: is not valid YAML: Map keys must be unique'],
    ['a file that is not a mapping', '- just\n- a list\n', 'prompts/rewrite.yaml: (file): must be a YAML mapping of fields'],
  ])('names the file and the field for %s', (_case, text, message) => {
    write('rewrite.yaml', text);
    expect(failure()).toContain(message);
  });

  it('lists every problem of every file in one error', () => {
    write('rewrite.yaml', GOOD.replace('{{selection}}', '{{mood}}'));
    write('expand.yaml', GOOD.replace('version: 1', 'version: 0'));
    const message = failure();
    expect(message).toMatch(/^Prompt files are not valid:\n/);
    expect(message).toContain('prompts/rewrite.yaml: user: uses {{mood}} which is not declared in variables');
    expect(message).toContain('prompts/rewrite.yaml: variables.1: declares "selection" but neither system nor user uses it');
    expect(message).toContain('prompts/expand.yaml: version: ');
  });

  it('fails plainly when the folder is missing or empty', () => {
    expect(() => loadPromptDefinitions(folder)).toThrow(expect.objectContaining({ code: ErrorCode.INTERNAL, message: expect.stringContaining('has no .yaml files') }));
    expect(() => loadPromptDefinitions(path.join(root, 'nowhere'))).toThrow(expect.objectContaining({ code: ErrorCode.INTERNAL, message: expect.stringContaining('could not be read') }));
  });
});
