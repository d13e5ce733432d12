/**
 * A typed builder for ffmpeg `-filter_complex` graphs: chains of filters between named pads,
 * with every option value escaped so file paths and on-screen text pass through unchanged.
 *
 * ffmpeg parses a graph twice (see "Notes on filtergraph escaping" in ffmpeg-filters): the graph
 * parser splits on `[ ] , ;` and then each filter splits its options on `:`. A value is escaped
 * for the inner level first, then the whole option string for the outer one.
 */

/** An option value; numbers are written as they print in JavaScript. */
export type FilterValue = string | number | boolean;

/** One filter with its options: positional (in order) or named (`key=value`). */
export interface FilterSpec {
  readonly name: string;
  readonly options?: readonly FilterValue[] | Readonly<Record<string, FilterValue | undefined>>;
}

/** A pad name: an input stream specifier like `0:v`, or a label made by {@link FilterGraph.label}. */
export type PadName = string;

/** Builds a filter spec; `options` undefined values are dropped so optional settings read naturally. */
export function filter(name: string, options?: FilterSpec['options']): FilterSpec {
  return options === undefined ? { name } : { name, options };
}

/** Escapes a value for a filter's option parser (level 1: `\`, `'`, `:`). */
export function escapeOptionValue(value: string): string {
  return value.replace(/[\\':]/g, (c) => `\\${c}`);
}

/** Escapes a filter's option string for the graph parser (level 2: `\`, `'`, `[`, `]`, `,`, `;`). */
export function escapeForGraph(text: string): string {
  return text.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

function valueText(value: FilterValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`A filter option must be a finite number, got ${value}.`);
    return String(value);
  }
  return value;
}

/** Renders one filter as it appears in a graph, both escaping levels applied. */
export function renderFilter(spec: FilterSpec): string {
  if (!/^[a-z0-9_]+(@[A-Za-z0-9_]+)?$/.test(spec.name)) throw new Error(`"${spec.name}" is not a filter name.`);
  const options = spec.options;
  if (options === undefined) return spec.name;
  const parts = Array.isArray(options)
    ? (options as readonly FilterValue[]).map((v) => escapeOptionValue(valueText(v)))
    : Object.entries(options)
        .filter((entry): entry is [string, FilterValue] => entry[1] !== undefined)
        .map(([key, v]) => `${key}=${escapeOptionValue(valueText(v))}`);
  return parts.length === 0 ? spec.name : `${spec.name}=${escapeForGraph(parts.join(':'))}`;
}

interface Chain {
  readonly inputs: readonly PadName[];
  readonly filters: readonly FilterSpec[];
  readonly outputs: readonly PadName[];
}

/** A graph under construction. Labels are checked: made once, consumed at most once. */
export interface FilterGraph {
  /** A fresh label, unique in this graph (`hint` makes the rendered graph readable). */
  label(hint?: string): PadName;
  /**
   * Adds `[inputs]f1,f2,…[outputs]`. Returns the outputs, so a chain's result can feed the next.
   * Inputs are stream specifiers (`0:v`, `1:a`) or labels this graph made.
   */
  chain(inputs: readonly PadName[], filters: readonly FilterSpec[], outputs: readonly PadName[]): readonly PadName[];
  /** Labels produced but not yet consumed: what `-map` must take. */
  unconsumed(): readonly PadName[];
  /** The `-filter_complex` argument. */
  toString(): string;
}

const STREAM_SPECIFIER = /^\d+(:[vas](:\d+)?)?$/;

/** Creates an empty {@link FilterGraph}. */
export function createFilterGraph(): FilterGraph {
  const chains: Chain[] = [];
  const made = new Set<PadName>();
  const produced = new Set<PadName>();
  const consumed = new Set<PadName>();
  let counter = 0;

  const consume = (pad: PadName) => {
    if (STREAM_SPECIFIER.test(pad)) return;
    if (!produced.has(pad)) throw new Error(`Pad [${pad}] is used before a chain produces it.`);
    if (consumed.has(pad)) throw new Error(`Pad [${pad}] is consumed twice; split it first.`);
    consumed.add(pad);
  };

  return {
    label(hint = 'p') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(hint)) throw new Error(`"${hint}" cannot start a pad label.`);
      const name = `${hint}${counter++}`;
      made.add(name);
      return name;
    },
    chain(inputs, filters, outputs) {
      if (filters.length === 0) throw new Error('A filter chain needs at least one filter.');
      inputs.forEach(consume);
      for (const pad of outputs) {
        if (!made.has(pad)) throw new Error(`Pad [${pad}] was not made by this graph's label().`);
        if (produced.has(pad)) throw new Error(`Pad [${pad}] is produced twice.`);
        produced.add(pad);
      }
      chains.push({ inputs: [...inputs], filters: [...filters], outputs: [...outputs] });
      return outputs;
    },
    unconsumed() {
      return [...produced].filter((pad) => !consumed.has(pad));
    },
    toString() {
      return chains
        .map((c) => {
          const ins = c.inputs.map((p) => `[${p}]`).join('');
          const outs = c.outputs.map((p) => `[${p}]`).join('');
          return `${ins}${c.filters.map(renderFilter).join(',')}${outs}`;
        })
        .join(';');
    },
  };
}
