import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * Checks model answers against a prompt's JSON Schema. Models wrap JSON in code fences or
 * chatter around it, so the first JSON object or array in the text is what gets checked.
 */
export function createOutputValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = new WeakMap<object, ValidateFunction>();

  return {
    validate(schema: Record<string, unknown>, text: string): { ok: true; value: unknown } | { ok: false; problems: string } {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(schema);
        compiled.set(schema, validate);
      }
      const json = extractJson(text);
      if (json === undefined) return { ok: false, problems: 'the answer was not JSON' };
      if (validate(json)) return { ok: true, value: json };
      return { ok: false, problems: describeErrors(validate.errors ?? []) };
    },
  };
}

export type OutputValidator = ReturnType<typeof createOutputValidator>;

export function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidate = (fenced?.[1] ?? text).trim();
  const start = candidate.search(/[[{]/);
  if (start < 0) return undefined;
  const open = candidate[start];
  const end = candidate.lastIndexOf(open === '{' ? '}' : ']');
  if (end <= start) return undefined;
  try {
    return JSON.parse(candidate.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}
