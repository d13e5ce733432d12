import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, TemplateError, templateVariables } from './template';

const render = (source: string, values: Record<string, string | undefined> = {}) => renderTemplate(parseTemplate(source), values);

describe('prompt templates', () => {
  it('fills variables, with or without spaces inside the braces', () => {
    expect(render('Title: {{title}}, by {{ author }}.', { title: 'Dune', author: 'Herbert' })).toBe('Title: Dune, by Herbert.');
  });

  it('renders a missing variable as nothing and never re-reads braces inside values', () => {
    expect(render('[{{a}}]')).toBe('[]');
    expect(render('{{a}}', { a: 'literal {{b}}' })).toBe('literal {{b}}');
  });

  it('keeps an if section only when the variable has non-blank text, and uses else otherwise', () => {
    const source = '{{#if tone}}Tone: {{tone}}{{else}}No tone{{/if}}.';
    expect(render(source, { tone: 'grim' })).toBe('Tone: grim.');
    expect(render(source, { tone: '  \n' })).toBe('No tone.');
    expect(render(source)).toBe('No tone.');
  });

  it('nests sections', () => {
    const source = '{{#if a}}A{{#if b}}B{{/if}}{{/if}}';
    expect(render(source, { a: '1', b: '1' })).toBe('AB');
    expect(render(source, { a: '1' })).toBe('A');
    expect(render(source, { b: '1' })).toBe('');
  });

  it('drops standalone block-tag lines so an empty section leaves no blank line', () => {
    const source = 'Title: {{title}}\n{{#if genre}}\nGenre: {{genre}}\n{{/if}}\n  {{#if tone}}  \nTone: {{tone}}\n{{/if}}\nEnd\n';
    expect(render(source, { title: 'T' })).toBe('Title: T\nEnd');
    expect(render(source, { title: 'T', genre: 'noir', tone: 'dry' })).toBe('Title: T\nGenre: noir\nTone: dry\nEnd');
  });

  it('lists the variables a template uses, sections included, once each', () => {
    expect(templateVariables(parseTemplate('{{a}} {{#if b}}{{c}}{{else}}{{a}}{{/if}}'))).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['{{#if a}}open', '{{#if a}} is never closed'],
    ['close{{/if}}', '{{/if}} has no matching {{#if}}'],
    ['{{else}}', '{{else}} is not inside'],
    ['{{#if a}}x{{else}}y{{else}}z{{/if}}', '{{else}} is not inside'],
    ['{{two words}}', 'unrecognised tag "{{two words}}"'],
    ['{{#each items}}{{/each}}', 'unrecognised tag "{{#each items}}"'],
    ['trailing {{oops', 'unrecognised tag "{{oops…"'],
  ])('rejects %j', (source, message) => {
    expect(() => parseTemplate(source)).toThrow(TemplateError);
    expect(() => parseTemplate(source)).toThrow(message);
  });
});
