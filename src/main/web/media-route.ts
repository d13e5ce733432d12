import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../core';

/**
 * Writes the core's answer to a `/media-files/…` request: status and headers (they replace the
 * page defaults set earlier, such as `Cache-Control: no-store`), then the file streamed from
 * disk. A client that goes away (a `<video>` seeking elsewhere) ends the stream and its file.
 */
export async function handleMediaRequest(core: Pick<Core, 'media' | 'logger'>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const answer = await core.media.serve({ method: request.method ?? 'GET', url: request.url ?? '/', rangeHeader: request.headers.range ?? null });
    // Only this page may embed the files, even if a URL leaked to another site.
    response.writeHead(answer.status, { ...answer.headers, 'Cross-Origin-Resource-Policy': 'same-origin' });
    if (!answer.body) {
      response.end();
      return;
    }
    await pipeline(answer.body, response).catch(() => {
      // The client closed the connection mid-file: normal for media, nothing to report.
    });
  } catch (error) {
    core.logger.error({ err: error }, 'serving a media file failed');
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end();
  }
}
