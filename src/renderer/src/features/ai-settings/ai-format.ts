import type { MethodOutput } from '../../../../shared/ipc/contract';
import type { EventPayload } from '../../../../shared/ipc/events';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 2_019_000_000 → "2.0 GB". Decimal units, as Ollama and the model sites quote sizes. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** 412 → "412 ms", 1400 → "1.4 s". */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An estimated cost: "$0.00" for local models, "<$0.01" for a few cloud tokens, "$1.24" otherwise. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.01) return '<$0.01';
  return usd.format(amount);
}

export type PullProgress = Pick<EventPayload<'llm.pullProgress'>, 'status' | 'completed' | 'total'>;

export interface PullView {
  /** What is happening, in words ("Downloading", "Verifying the download"). */
  label: string;
  /** "1.2 GB of 2.0 GB", when the size is known. */
  amount: string | null;
  /** 0–100, or null while the size is unknown (show an indeterminate state). */
  percent: number | null;
}

/** Ollama reports raw phases ("pulling 6a0746a1ec1a", "verifying sha256 digest"); say them plainly. */
function pullLabel(status: string): string {
  const s = status.toLowerCase();
  if (s.startsWith('pulling manifest')) return 'Preparing the download';
  if (s.startsWith('pulling') || s.startsWith('downloading')) return 'Downloading';
  if (s.startsWith('verifying')) return 'Verifying the download';
  if (s.startsWith('writing') || s.startsWith('removing')) return 'Finishing';
  if (s === 'success') return 'Done';
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** Turns one pull progress event into what the progress bar shows. */
export function describePull(progress: PullProgress | null): PullView {
  if (!progress) return { label: 'Starting the download', amount: null, percent: null };
  const { completed, total } = progress;
  const label = pullLabel(progress.status);
  if (total === undefined || total <= 0) return { label, amount: null, percent: null };
  const done = Math.min(completed ?? 0, total);
  return { label, amount: `${formatBytes(done)} of ${formatBytes(total)}`, percent: Math.floor((done / total) * 100) };
}

export type Tone = 'success' | 'warning' | 'danger';

export type KeyCheck = MethodOutput<'keys.test'>;

/** How a key check reads: works, rejected, or could not be checked (offline, timeout). */
export function describeKeyCheck(check: KeyCheck): { tone: Tone; text: string } {
  if (check.valid) return { tone: 'success', text: 'Key works.' };
  // The core words a rejection as "<Provider> rejected this key…"; anything else (a timeout, no
  // network) is not the key's fault, so it must not be called a rejection.
  if (/rejected/i.test(check.message)) return { tone: 'danger', text: `Key rejected: ${check.message}` };
  return { tone: 'warning', text: `Key not checked: ${check.message}` };
}

export type RouteTestResult = MethodOutput<'routes.test'>;

/** "ollama · llama3.2" */
export function modelLabel(ref: { provider: string; model: string }): string {
  return `${PROVIDER_NAMES[ref.provider] ?? ref.provider} · ${ref.model}`;
}

/** Display names of the providers. */
export const PROVIDER_NAMES: Readonly<Record<string, string>> = { ollama: 'Ollama', openai: 'OpenAI', anthropic: 'Anthropic' };

/** Download sizes of a few well-known Ollama models, so the offer can say how big it is. */
const KNOWN_SIZES: Readonly<Record<string, number>> = {
  'llama3.2': 2.0e9,
  'llama3.2:3b': 2.0e9,
  'llama3.2:1b': 1.3e9,
  'llama3.1': 4.9e9,
  'llama3.1:8b': 4.9e9,
  mistral: 4.1e9,
  'qwen2.5': 4.7e9,
  'gemma2:2b': 1.6e9,
  phi3: 2.2e9,
  'nomic-embed-text': 274e6,
};

/** "about 2 GB" for a model we know, else null. */
export function approxModelSize(model: string): string | null {
  const bytes = KNOWN_SIZES[model.replace(/:latest$/, '')];
  if (bytes === undefined) return null;
  return `about ${bytes >= 1e9 ? `${Math.round(bytes / 1e9)} GB` : formatBytes(bytes)}`;
}

/** "http://127.0.0.1:11434" passes; "localhost" alone does not (the core needs a full URL). */
export function ollamaUrlProblem(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter the address Ollama listens on, like http://127.0.0.1:11434.';
  if (!/^https?:\/\//i.test(trimmed) || !URL.canParse(trimmed)) return 'Start with http:// or https://, like http://127.0.0.1:11434.';
  return null;
}
