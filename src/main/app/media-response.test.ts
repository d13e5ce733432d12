import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toWebResponse } from './media-response';

describe('toWebResponse', () => {
  it('carries the status, the headers and the streamed body into a fetch Response (Electron’s protocol.handle)', async () => {
    const response = toWebResponse({
      status: 206,
      headers: { 'Content-Type': 'video/mp4', 'Content-Range': 'bytes 2-4/10', 'Content-Length': '3', 'Accept-Ranges': 'bytes' },
      body: Readable.from([Buffer.from('abc')]),
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await response.text()).toBe('abc');
  });

  it('has no body for HEAD and errors', async () => {
    const response = toWebResponse({ status: 403, headers: { 'X-Content-Type-Options': 'nosniff' }, body: null });
    expect(response.status).toBe(403);
    expect(response.body).toBeNull();
  });
});
