import { defaultMarkdownParser } from 'prosemirror-markdown';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../shared/models/document';
import { doc, paragraph, sampleManuscript, text } from './export.fixture';
import { renderMarkdown } from './markdown.render';

const expected = `# The \\<Lighthouse> & Sea

by Ada Quill

A keeper finds a letter.

It changes everything.

## Arrival

### Inside heading

Plain **bold** *italic* under ~~struck~~ \`x < y\` [a link](https://example.com/a%20b) no script

First line\\
second line

> A quoted line.

- apple
- pear

3. third
4. fourth

\`\`\`ts
let a = 1;
let b = a * 2;
\`\`\`

---

Tom & Jerry <3 \\*stars\\* \\_under\\_ #tag \\[x\\]

* * *

The second scene begins at dawn.

## The Storm

Waves broke over the rocks.
`;

function oneScene(...content: DocNode[]): string {
  return renderMarkdown({ title: 'T', description: '', genre: '', chapters: [{ title: 'C', scenes: [{ title: 's', content: doc(...content) }] }] });
}

/** The text a CommonMark reader sees in the scene part of the output (after `## C`). */
function readBack(markdown: string): string {
  const scene = markdown.slice(markdown.indexOf('## C\n\n') + 6);
  const parsed = defaultMarkdownParser.parse(scene);
  return parsed.textBetween(0, parsed.content.size, '\n\n', '\n');
}

describe('renderMarkdown', () => {
  it('renders every node and mark type exactly', () => {
    expect(renderMarkdown(sampleManuscript())).toBe(expected);
  });

  const literals = [
    '*not emphasis*',
    '_not emphasis_',
    '**not bold**',
    '# not a heading',
    '###### not a heading',
    '[not a link](https://x.y)',
    '![not an image](x.png)',
    '`not code`',
    '~~not struck~~',
    '1. not a list',
    '2) not a list',
    '2024.',
    '- not a list',
    '+ not a list',
    '> not a quote',
    '---',
    '***',
    '___',
    'a \\ backslash and \\*',
    '&amp; stays literal',
    'snake_case_name stays',
    '#hashtag',
  ];

  it.each(literals)('keeps %j literal at the start of a paragraph', (literal) => {
    expect(readBack(oneScene(paragraph(text(literal))))).toBe(literal);
  });

  it.each(literals)('keeps %j literal after a hard break', (literal) => {
    expect(readBack(oneScene(paragraph(text('before'), { type: 'hardBreak' }, text(literal))))).toBe(`before\n${literal}`);
  });

  it('keeps a line of equals signs from turning the paragraph into a heading', () => {
    expect(readBack(oneScene(paragraph(text('Title'), { type: 'hardBreak' }, text('===='))))).toBe('Title\n====');
  });

  it('escapes the openings of raw HTML and entities', () => {
    expect(oneScene(paragraph(text('a <div> b </p> c &copy; d & e < 3')))).toContain('a \\<div> b \\</p> c \\&copy; d & e < 3');
  });

  it('escapes a trailing # in headings so it is not a closing sequence', () => {
    const markdown = renderMarkdown({ title: 'We are #', description: '', genre: '', chapters: [{ title: 'Number #', scenes: [] }] });
    expect(markdown).toBe('# We are \\#\n\n## Number \\#\n');
    expect(defaultMarkdownParser.parse(markdown).textBetween(0, defaultMarkdownParser.parse(markdown).content.size, '|')).toBe('We are #|Number #');
  });

  it('demotes scene headings below the chapter heading, capped at level 6', () => {
    const heading = (level: number): DocNode => ({ type: 'heading', attrs: { level }, content: [text(`h${level}`)] });
    expect(oneScene(heading(1), heading(2), heading(4), heading(6))).toContain('### h1\n\n#### h2\n\n###### h4\n\n###### h6');
  });

  it('keeps nested lists tight and separates items that hold several paragraphs', () => {
    const item = (...content: DocNode[]): DocNode => ({ type: 'listItem', content });
    const nested: DocNode = { type: 'bulletList', content: [item(paragraph(text('inner')))] };
    expect(oneScene({ type: 'bulletList', content: [item(paragraph(text('outer')), nested), item(paragraph(text('next')))] })).toContain(
      '- outer\n  - inner\n- next',
    );
    expect(oneScene({ type: 'orderedList', content: [item(paragraph(text('a')), paragraph(text('b'))), item(paragraph(text('c')))] })).toContain(
      '1. a\n\n   b\n\n2. c',
    );
  });

  it('fences code that itself contains backtick fences with a longer fence', () => {
    const code: DocNode = { type: 'codeBlock', content: [text('```\ninner\n```')] };
    expect(oneScene(code)).toContain('````\n```\ninner\n```\n````');
  });

  it('leaves out empty scenes so no two scene breaks meet, and names untitled chapters', () => {
    const markdown = renderMarkdown({
      title: '',
      description: '',
      genre: '',
      chapters: [
        {
          title: '  ',
          scenes: [
            { title: 'a', content: doc(paragraph(text('One.'))) },
            { title: 'b', content: doc(paragraph()) },
            { title: 'c', content: doc(paragraph(text('Two.'))) },
          ],
        },
      ],
    });
    expect(markdown).toBe('# Untitled\n\n## Chapter 1\n\nOne.\n\n* * *\n\nTwo.\n');
  });

  it('drops links with unsafe targets but keeps their words', () => {
    const markdown = oneScene(paragraph(text('click', { type: 'link', attrs: { href: 'javascript:alert(1)' } })));
    expect(markdown).toContain('\nclick\n');
    expect(markdown).not.toContain('javascript');
  });
});
