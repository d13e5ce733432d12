// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContextSource } from '../../../../shared/models/context-source';
import { renderWithServices } from '../../testing/render-with-services';
import { ChatMessageView } from '../chat/ChatMessageView';
import type { DisplayMessage } from '../chat/chat-model';
import { useNavigation } from '../project/navigation.store';

/** A chat reply's sources as the writer meets them: collapsed, then a list that opens each one. */

const SCENE = '00000000-0000-4000-8000-0000000000a1';
const CHAPTER = '00000000-0000-4000-8000-0000000000a2';
const MARA = '00000000-0000-4000-8000-0000000000a3';
const MEMORY = '00000000-0000-4000-8000-0000000000a4';

const sources: ContextSource[] = [
  { type: 'memory', id: MEMORY, label: 'Memory', chapterId: null, range: null, excerpt: 'The author writes British English.', pinned: true },
  {
    type: 'scene',
    id: SCENE,
    label: 'Chapter 12 · The Harbour',
    chapterId: CHAPTER,
    range: { from: 0, to: 120 },
    excerpt: 'Mara scattered Tomas’s ashes over the black water and did not weep until the boat turned home.',
    pinned: false,
  },
  { type: 'codex', id: MARA, label: 'Codex · Mara', chapterId: null, range: null, excerpt: 'Mara Vell, keeper of the drowned light.', pinned: false },
];

const reply = (extra: Partial<DisplayMessage> = {}): DisplayMessage => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  role: 'assistant',
  content: 'She mourns in silence.',
  status: 'complete',
  model: 'ollama/llama3.2',
  error: null,
  live: false,
  context: null,
  sources,
  runId: null,
  ...extra,
});

afterEach(() => {
  cleanup();
  useNavigation.setState({ sceneId: null, panel: 'chat', pendingFind: null });
});

describe('the sources of a chat reply', () => {
  it('shows a collapsed “Sources (3)” that opens to the list, keyboard-reachable and labelled', () => {
    renderWithServices(<ChatMessageView message={reply()} notices={undefined} isLast onRegenerate={() => undefined} />);
    const toggle = screen.getByRole('button', { name: 'Sources (3)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: 'Sources the AI was given' })).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = screen.getByRole('list', { name: 'Sources the AI was given' });
    expect(toggle.getAttribute('aria-controls')).toBe(list.id);
    const items = within(list).getAllByTestId('ai-source');
    expect(items.map((item) => [item.dataset['sourceType'], item.querySelector('.ai-sources__label')?.textContent])).toEqual([
      ['memory', 'Memory Pinned'],
      ['scene', 'Chapter 12 · The Harbour'],
      ['codex', 'Codex · Mara'],
    ]);
    expect(items[1]?.textContent).toContain('did not weep until the boat turned home.');
    expect(within(list).getByRole('button', { name: 'Open the scene Chapter 12 · The Harbour' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Open the codex entry Codex · Mara' })).toBeTruthy();
    // A memory has no place of its own to open: it is listed, not a button.
    expect(within(items[0] as HTMLElement).queryByRole('button')).toBeNull();

    fireEvent.click(toggle);
    expect(screen.queryByRole('list', { name: 'Sources the AI was given' })).toBeNull();
  });

  it('opens a scene source in the editor with the passage’s opening to select, and a codex source in the codex panel', () => {
    const { services } = renderWithServices(<ChatMessageView message={reply()} notices={undefined} isLast onRegenerate={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sources (3)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open the scene Chapter 12 · The Harbour' }));
    expect(useNavigation.getState()).toMatchObject({ sceneId: SCENE, pendingFind: { sceneId: SCENE, text: 'Mara scattered Tomas’s ashes over the black water and did' } });

    fireEvent.click(screen.getByRole('button', { name: 'Open the codex entry Codex · Mara' }));
    expect(useNavigation.getState().panel).toBe('codex');
    expect(services.stores.useCodexStore.getState().focusId).toBe(MARA);
  });

  it('shows nothing for a reply that was given no sources', () => {
    renderWithServices(<ChatMessageView message={reply({ sources: [] })} notices={undefined} isLast onRegenerate={() => undefined} />);
    expect(screen.queryByTestId('chat-sources')).toBeNull();
  });
});
