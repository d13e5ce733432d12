import { z } from 'zod';

/**
 * A rich-text document as the editor (ProseMirror/TipTap) serialises it. The core treats it as
 * data: it checks the shape and size, extracts plain text for counting and search, and renders
 * it on export. Only the node and mark names in {@link DocNodeType} and {@link DocMarkType} are
 * stored, so every stored document can be exported.
 */
export const DocNodeType = {
  doc: 'doc',
  paragraph: 'paragraph',
  text: 'text',
  heading: 'heading',
  blockquote: 'blockquote',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  horizontalRule: 'horizontalRule',
  hardBreak: 'hardBreak',
  codeBlock: 'codeBlock',
} as const;
export type DocNodeType = (typeof DocNodeType)[keyof typeof DocNodeType];

export const DocMarkType = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  strike: 'strike',
  code: 'code',
  link: 'link',
} as const;
export type DocMarkType = (typeof DocMarkType)[keyof typeof DocMarkType];

const attrsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional();

export const docMarkSchema = z.object({
  type: z.enum(Object.values(DocMarkType) as [DocMarkType, ...DocMarkType[]]),
  attrs: attrsSchema,
});
export type DocMark = z.infer<typeof docMarkSchema>;

export interface DocNode {
  type: DocNodeType;
  attrs?: Record<string, string | number | boolean | null> | undefined;
  content?: DocNode[] | undefined;
  marks?: DocMark[] | undefined;
  text?: string | undefined;
}

export const docNodeSchema: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    type: z.enum(Object.values(DocNodeType) as [DocNodeType, ...DocNodeType[]]),
    attrs: attrsSchema,
    content: z.array(docNodeSchema).optional(),
    marks: z.array(docMarkSchema).optional(),
    text: z.string().optional(),
  }),
);

/**
 * How many levels of nodes a document may nest, `doc` and text included. Real scenes stay far
 * below it: a list nested ten levels deep inside a quote is about 25 levels (each list level is
 * a list node plus an item), and word processors stop indenting lists at nine levels. Above a
 * few hundred levels the recursive schema below would exhaust the stack (a 27 KB save nesting
 * 800 quotes did), so the depth is checked first, without recursion.
 */
export const MAX_DOCUMENT_DEPTH = 100;

/**
 * Depth of the node tree along `content` arrays, walked with an explicit stack; stops as soon
 * as `limit` is passed, so a hostile document (or a cyclic object handed over by the Electron
 * IPC) costs no more than `limit` levels of work per branch.
 */
export function documentDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > limit) return true;
    if (typeof node !== 'object' || node === null) continue;
    const content = (node as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (const child of content as unknown[]) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/** What a writer is told when a document passes {@link MAX_DOCUMENT_DEPTH}. */
export const DOCUMENT_TOO_DEEP = `A scene’s text can be nested at most ${MAX_DOCUMENT_DEPTH} levels deep (quotes, lists and the like).`;

const boundedDepth = z
  .unknown()
  .refine((value) => !documentDepthExceeds(value, MAX_DOCUMENT_DEPTH), { message: DOCUMENT_TOO_DEEP, abort: true });

/**
 * A whole document: a `doc` node, bounded in depth (checked before the recursive parse). Its size
 * is checked where it is stored (a scene save answers SCENE_TOO_LARGE, see
 * shared/text/scene-size.ts), off the core's event loop for big documents.
 */
export const documentSchema = boundedDepth.pipe(docNodeSchema).refine((node) => node.type === 'doc', 'A document must start with a doc node.');

export function emptyDocument(): DocNode {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
