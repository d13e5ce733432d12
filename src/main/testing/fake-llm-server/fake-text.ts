import { createHash } from 'node:crypto';
import type { FakeChatMessage } from './fake-llm-server.types';

/**
 * Splits a reply into the pieces the fake streams, one per "token": each word with the
 * whitespace before it, so the pieces concatenate back to the exact reply.
 */
export function splitTokens(text: string): string[] {
  return text.split(/(?=\s+\S)/).filter((piece) => piece.length > 0);
}

/** The fake's token count of a text: its words (deterministic, easy to assert). */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function promptTokens(messages: readonly FakeChatMessage[]): number {
  return messages.reduce((sum, m) => sum + countTokens(m.content), 0);
}

/** A deterministic unit vector for a text, so equal texts embed equally. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  const raw = Array.from({ length: dimensions }, (_, i) => (digest[i % digest.length] ?? 0) / 127.5 - 1 + i * 1e-3);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((v) => v / norm);
}

/** Float32 little-endian base64, as OpenAI returns embeddings when asked for `base64`. */
export function toBase64Floats(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** Text of a message content in any provider's shape: a string or a list of parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      if (typeof part === 'string') return part;
      const p = (part ?? {}) as { text?: unknown };
      return typeof p.text === 'string' ? p.text : '';
    })
    .join('');
}

/** Ollama reads "llama3.2" as "llama3.2:latest". */
export function ollamaName(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

export function fakeDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}
