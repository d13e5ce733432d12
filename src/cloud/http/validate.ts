import type { Context } from 'hono';
import type { z } from 'zod';
import { fail } from './errors';

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The JSON body parsed by `schema`, or a 400 INVALID_INPUT naming what is wrong. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (_error) {
    fail('INVALID_INPUT', 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) fail('INVALID_INPUT', describe(parsed.error));
  return parsed.data;
}

/** The query string parsed by `schema`. */
export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) fail('INVALID_INPUT', describe(parsed.error));
  return parsed.data;
}

/** A path parameter checked against `schema` (an id that cannot exist is a 404, not a 400). */
export function paramOf<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.param(name));
  if (!parsed.success) fail('NOT_FOUND', 'Nothing by that id.');
  return parsed.data;
}
