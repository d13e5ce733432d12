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
 * A whole document: a `doc` node. Its size is checked where it is stored (a scene save answers
 * SCENE_TOO_LARGE, see shared/text/scene-size.ts), off the core's event loop for big documents.
 */
export const documentSchema = docNodeSchema.refine((node) => node.type === 'doc', 'A document must start with a doc node.');

export function emptyDocument(): DocNode {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
