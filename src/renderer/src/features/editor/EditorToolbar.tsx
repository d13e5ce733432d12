import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import {
  Bold,
  Heading1,
  Heading2,
  Heading3,
  Italic,
  List,
  ListOrdered,
  Redo2,
  SeparatorHorizontal,
  Strikethrough,
  TextQuote,
  Underline,
  Undo2,
} from 'lucide-react';
import type { JSX, MouseEvent, ReactNode } from 'react';
import { shortcutLabel } from '../../app/platform';
import { IconButton } from '../../ui';
import { AiToolbarButton } from '../inline-ai';
import './EditorToolbar.css';

interface ToolState {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  h1: boolean;
  h2: boolean;
  h3: boolean;
  quote: boolean;
  bullet: boolean;
  ordered: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

interface Tool {
  id: string;
  label: string;
  icon: ReactNode;
  shortcut: string;
  active?: keyof ToolState;
  run: (editor: Editor) => void;
}

const ICON = 16;

/** Shortcuts are TipTap's defaults, plus Mod+Shift+Enter for a scene break. */
const GROUPS: Tool[][] = [
  [
    { id: 'bold', label: 'Bold', icon: <Bold size={ICON} />, shortcut: 'Mod+B', active: 'bold', run: (e) => e.chain().focus().toggleBold().run() },
    { id: 'italic', label: 'Italic', icon: <Italic size={ICON} />, shortcut: 'Mod+I', active: 'italic', run: (e) => e.chain().focus().toggleItalic().run() },
    { id: 'underline', label: 'Underline', icon: <Underline size={ICON} />, shortcut: 'Mod+U', active: 'underline', run: (e) => e.chain().focus().toggleUnderline().run() },
    { id: 'strike', label: 'Strikethrough', icon: <Strikethrough size={ICON} />, shortcut: 'Mod+Shift+S', active: 'strike', run: (e) => e.chain().focus().toggleStrike().run() },
  ],
  [
    { id: 'h1', label: 'Heading 1', icon: <Heading1 size={ICON} />, shortcut: 'Mod+Alt+1', active: 'h1', run: (e) => e.chain().focus().toggleHeading({ level: 1 }).run() },
    { id: 'h2', label: 'Heading 2', icon: <Heading2 size={ICON} />, shortcut: 'Mod+Alt+2', active: 'h2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
    { id: 'h3', label: 'Heading 3', icon: <Heading3 size={ICON} />, shortcut: 'Mod+Alt+3', active: 'h3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  ],
  [
    { id: 'quote', label: 'Quote', icon: <TextQuote size={ICON} />, shortcut: 'Mod+Shift+B', active: 'quote', run: (e) => e.chain().focus().toggleBlockquote().run() },
    { id: 'bullet', label: 'Bulleted list', icon: <List size={ICON} />, shortcut: 'Mod+Shift+8', active: 'bullet', run: (e) => e.chain().focus().toggleBulletList().run() },
    { id: 'ordered', label: 'Numbered list', icon: <ListOrdered size={ICON} />, shortcut: 'Mod+Shift+7', active: 'ordered', run: (e) => e.chain().focus().toggleOrderedList().run() },
    { id: 'break', label: 'Scene break', icon: <SeparatorHorizontal size={ICON} />, shortcut: 'Mod+Shift+Enter', run: (e) => e.chain().focus().setHorizontalRule().run() },
  ],
];

function readState(editor: Editor): ToolState {
  return {
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    strike: editor.isActive('strike'),
    h1: editor.isActive('heading', { level: 1 }),
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    quote: editor.isActive('blockquote'),
    bullet: editor.isActive('bulletList'),
    ordered: editor.isActive('orderedList'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

/** The compact formatting bar above the page. Buttons never take focus from the text. */
export function EditorToolbar({ editor }: { editor: Editor }): JSX.Element {
  const state = useEditorState({ editor, selector: ({ editor: e }) => readState(e) });
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting" data-testid="editor-toolbar">
      <div className="editor-toolbar__group">
        <IconButton
          label="Undo"
          icon={<Undo2 size={ICON} />}
          shortcut={shortcutLabel('Mod+Z')}
          disabled={!state.canUndo}
          onMouseDown={keepFocus}
          onClick={() => editor.chain().focus().undo().run()}
        />
        <IconButton
          label="Redo"
          icon={<Redo2 size={ICON} />}
          shortcut={shortcutLabel('Mod+Shift+Z')}
          disabled={!state.canRedo}
          onMouseDown={keepFocus}
          onClick={() => editor.chain().focus().redo().run()}
        />
      </div>
      {GROUPS.map((group) => (
        <div className="editor-toolbar__group" key={group[0]?.id}>
          {group.map((tool) => (
            <IconButton
              key={tool.id}
              label={tool.label}
              icon={tool.icon}
              shortcut={shortcutLabel(tool.shortcut)}
              active={tool.active ? state[tool.active] : undefined}
              onMouseDown={keepFocus}
              onClick={() => tool.run(editor)}
              data-testid={`format-${tool.id}`}
            />
          ))}
        </div>
      ))}
      <div className="editor-toolbar__group editor-toolbar__group--ai">
        <AiToolbarButton editor={editor} />
      </div>
    </div>
  );
}
