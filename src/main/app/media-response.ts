import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Core } from '../core';

type MediaAnswer = Awaited<ReturnType<Core['media']['serve']>>;

/**
 * The core's media answer as a fetch `Response` for Electron's `protocol.handle`: the Node
 * stream becomes a web stream, so the file is still read from disk as the page consumes it.
 */
export function toWebResponse(answer: MediaAnswer): Response {
  const body = answer.body ? (Readable.toWeb(answer.body) as NodeReadableStream<Uint8Array>) : null;
  // Node's and the DOM's ReadableStream types differ only nominally.
  return new Response(body as unknown as ConstructorParameters<typeof Response>[0], { status: answer.status, headers: answer.headers });
}
