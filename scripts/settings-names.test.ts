import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AI_SETTINGS, aiSettingsTab } from '../src/shared/text/settings-names';

/**
 * Point 5 of issue 6: one name for the AI settings screen in every message. Scans what a writer
 * can read — string literals, template pieces and JSX text of every source file, the README and
 * the shipped models file — for another name of it.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every way a text may name a settings screen. "AI settings" (its tabs after →) is the AI
 * screen; "Project settings" / "the project’s settings" is the project dialog. Anything else —
 * "Settings", "Settings → AI", "Preferences → AI settings", "AI Settings" — names a screen the
 * app does not have.
 */
function misnamings(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![\w-])settings(?![\w-])/gi)) {
    const before = text.slice(0, match.index);
    const ok = `${before}${match[0]}`.endsWith(AI_SETTINGS) || /project(’s|'s)? $/i.test(before);
    if (!ok) found.push(text.slice(Math.max(0, match.index - 20), match.index + 20));
  }
  for (const match of text.matchAll(/Preferences\s*(→|->|>)/g)) found.push(text.slice(Math.max(0, match.index - 20), match.index + 30));
  return found;
}

/** Texts a writer can read: string literals, template pieces and JSX text (not identifiers, paths or class names). */
function textsOf(file: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const texts: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
      const text = node.text;
      // One word with no space is an id, a path, a class name or a key — unless it is a capitalised word.
      if (/\s/.test(text.trim()) || /^[A-Z][a-z]+$/.test(text.trim())) texts.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('the name of the AI settings screen', () => {
  it('is what its dialog title shows, with tabs after an arrow', () => {
    const dialog = readFileSync(path.join(root, 'src/renderer/src/features/ai-settings/AiSettingsDialog.tsx'), 'utf8');
    expect(dialog).toMatch(/title=\{AI_SETTINGS\}/);
    expect(aiSettingsTab('Keys')).toBe('AI settings → Keys');
  });

  it('tells misnamings apart from the real names', () => {
    expect(misnamings('Pull it in Settings → Models.')).toHaveLength(1);
    expect(misnamings('Add a key in Settings → AI.')).toHaveLength(1);
    expect(misnamings('Open Preferences → AI settings.')).toHaveLength(1);
    expect(misnamings('Check its address in settings.')).toHaveLength(1);
    expect(misnamings('Open AI Settings')).toHaveLength(1);
    expect(misnamings('Add a key in AI settings → Keys.')).toEqual([]);
    expect(misnamings('Project settings')).toEqual([]);
    expect(misnamings('You can change all of this later in the project’s settings.')).toEqual([]);
    expect(misnamings('ai-settings ai-settings__panel')).toEqual([]);
  });

  it('is the only one used in every message of the app, the core and the docs', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(path.join(root, 'src'))) {
      for (const { line, text } of textsOf(file)) for (const bad of misnamings(text)) problems.push(`${path.relative(root, file)}:${line}: …${bad}…`);
    }
    for (const doc of ['README.md', 'resources/models.yaml']) {
      readFileSync(path.join(root, doc), 'utf8')
        .split('\n')
        .forEach((text, index) => misnamings(text).forEach((bad) => problems.push(`${doc}:${index + 1}: …${bad}…`)));
    }
    expect(problems).toEqual([]);
  });
});
