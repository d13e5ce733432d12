import { z } from 'zod';
import { idSchema } from '../../models/common';

/** One contract entry: the zod schemas of a method's input and output. */
export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** One sentence on what the method does, for the next engineer. */
  doc: string;
  /**
   * Size class of the method's browser-mode frames (see frame-limits.ts): `small` unless the
   * input carries a whole document. A frame over its class is refused before it is parsed.
   */
  frame?: 'small' | 'large';
}

/** Declares a contract entry; the identity function keeps each entry's exact schema types. */
export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** Input of the methods that act on one record. */
export const byId = z.object({ id: idSchema }).strict();
/** Input of the methods that read a whole project. */
export const byProject = z.object({ projectId: idSchema }).strict();
