/**
 * The prompt templating: `{{name}}` inserts a variable, `{{#if name}}…{{else}}…{{/if}}` keeps a
 * section only when the variable is non-blank. Nothing more — prompts are read by models, not
 * browsers, so there is no escaping, no helpers and no logic beyond "is it there". Hand-written
 * because Mustache's HTML escaping and Handlebars' size are both wrong for this.
 */

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'if'; name: string; then: TemplateNode[]; otherwise: TemplateNode[] };

/** A template that cannot be parsed; the message says which tag is wrong. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const NAME = '[a-zA-Z_][a-zA-Z0-9_]*';
const TAG = new RegExp(`\\{\\{\\s*(?:#if\\s+(${NAME})|(else)|(/if)|(${NAME}))\\s*\\}\\}`, 'y');
/**
 * A block tag alone on its line takes the whole line with it, so a dropped section leaves no
 * blank line behind (Mustache's "standalone tag" rule).
 */
const STANDALONE_BLOCK = /^[ \t]*(\{\{\s*(?:#if\s+[a-zA-Z_][a-zA-Z0-9_]*|else|\/if)\s*\}\})[ \t]*(?:\r?\n|$)/gm;

interface Frame {
  node: Extract<TemplateNode, { kind: 'if' }>;
  inElse: boolean;
}

/** Parses a template; throws {@link TemplateError} on an unknown tag or an unbalanced `{{#if}}`. */
export function parseTemplate(source: string): TemplateNode[] {
  const text = source.replace(STANDALONE_BLOCK, '$1');
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  const target = (): TemplateNode[] => {
    const top = stack.at(-1);
    if (!top) return root;
    return top.inElse ? top.node.otherwise : top.node.then;
  };
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) {
      target().push({ kind: 'text', text: text.slice(at) });
      break;
    }
    if (open > at) target().push({ kind: 'text', text: text.slice(at, open) });
    TAG.lastIndex = open;
    const match = TAG.exec(text);
    if (!match) throw new TemplateError(`unrecognised tag ${quoteTag(text, open)}; use {{name}}, {{#if name}}, {{else}} or {{/if}}`);
    const [, ifName, elseTag, endTag, varName] = match;
    if (ifName !== undefined) {
      const node: Frame['node'] = { kind: 'if', name: ifName, then: [], otherwise: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (elseTag !== undefined) {
      const top = stack.at(-1);
      if (!top || top.inElse) throw new TemplateError('{{else}} is not inside an {{#if}} section');
      top.inElse = true;
    } else if (endTag !== undefined) {
      if (!stack.pop()) throw new TemplateError('{{/if}} has no matching {{#if}}');
    } else if (varName !== undefined) {
      target().push({ kind: 'var', name: varName });
    }
    at = TAG.lastIndex;
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw new TemplateError(`{{#if ${unclosed.node.name}}} is never closed with {{/if}}`);
  return root;
}

function quoteTag(text: string, open: number): string {
  const close = text.indexOf('}}', open);
  const end = close < 0 || close - open > 60 ? Math.min(text.length, open + 30) : close + 2;
  return `"${text.slice(open, end)}${close < 0 ? '…' : ''}"`;
}

/** Every variable a template mentions, in order of first use. */
export function templateVariables(nodes: readonly TemplateNode[]): string[] {
  const seen = new Set<string>();
  const walk = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === 'var') seen.add(node.name);
      if (node.kind === 'if') {
        seen.add(node.name);
        walk(node.then);
        walk(node.otherwise);
      }
    }
  };
  walk(nodes);
  return [...seen];
}

/** A value counts as present when it has something besides whitespace. */
export function isPresent(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * Fills a parsed template. Missing variables render as nothing; sections test presence.
 * The result is trimmed: leading and trailing blank lines mean nothing to a model.
 */
export function renderTemplate(nodes: readonly TemplateNode[], values: Readonly<Record<string, string | undefined>>): string {
  const out: string[] = [];
  const walk = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') out.push(node.text);
      else if (node.kind === 'var') out.push(values[node.name] ?? '');
      else walk(isPresent(values[node.name]) ? node.then : node.otherwise);
    }
  };
  walk(nodes);
  return out.join('').trim();
}
