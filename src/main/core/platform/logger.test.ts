import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { withLogContext } from './log-context';
import { closeLogger, createLogger } from './logger';

/** A fake Anthropic-shaped key with a random body, so no stray text can match it by chance. */
const body = randomBytes(30).toString('base64url');
const KEY = `sk-ant-api03-${body}`;
/** A secret of no known shape: only field-name redaction can catch it. */
const PLAIN = `plain${randomBytes(12).toString('hex')}`;

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', stream: { write: (line: string) => void lines.push(line) } });
  return { logger, output: () => lines.join('') };
}

/** Every 8-character window of the secret part: not even a fragment may reach the log. */
function expectAbsent(output: string, secret: string): void {
  const part = secret.replace(/^sk-ant-api03-/, '');
  for (let i = 0; i + 8 <= part.length; i += 1) expect(output).not.toContain(part.slice(i, i + 8));
}

/** Shaped like an SDK's API error: the failed request's headers hang off the error. */
class FakeApiError extends Error {
  readonly status = 401;
  readonly request: { url: string; headers: Record<string, string> };
  readonly headers: Record<string, string>;
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
    this.request = { url: 'https://api.example.test/v1/models', headers: { 'x-api-key': KEY, Authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } };
    this.headers = { 'www-authenticate': 'Bearer' };
  }
}

describe('createLogger redaction', () => {
  it('never writes a key-shaped secret, however it is logged', () => {
    const { logger, output } = capture();
    logger.info({ apiKey: KEY }, 'as a field');
    logger.info({ provider: { config: { auth: { apiKey: KEY } } } }, 'nested in an object');
    logger.info({ deep: { a: { b: { c: { d: { e: { note: `the key is ${KEY}` } } } } } } }, 'deeper than any path');
    logger.warn(`in the message ${KEY}`);
    logger.warn('printf style %s', KEY);
    logger.error({ err: new Error(`Incorrect API key provided: ${KEY}`) }, 'inside an error message');
    logger.error(new FakeApiError(`401 invalid x-api-key ${KEY}`));
    logger.error({ err: new AppError(ErrorCode.PROVIDER_AUTH, 'Anthropic rejected the key.', { cause: new FakeApiError(`bad key ${KEY}`) }) }, 'wrapped');
    logger.error({ error: new FakeApiError('under "error"') }, 'error key');
    logger.child({ requestKey: KEY }).info({ headers: { authorization: `Bearer ${KEY}` } }, 'child logger');
    logger.info({ url: `https://api.example.test/v1?key=${KEY}` }, 'in a URL');

    const out = output();
    expect(out.split('\n').filter(Boolean)).toHaveLength(11);
    expectAbsent(out, KEY);
    // Still useful: the messages and the non-secret parts survive.
    expect(out).toContain('inside an error message');
    expect(out).toContain('Incorrect API key provided: sk-[redacted]');
    expect(out).toContain('AuthenticationError');
    expect(out).toContain('application/json');
  });

  it('censors secrets of any shape under secret field names', () => {
    const { logger, output } = capture();
    logger.info({ apiKey: PLAIN, key: PLAIN, token: PLAIN }, 'top level');
    logger.info({ options: { apiKey: PLAIN, headers: { 'x-api-key': PLAIN, Authorization: PLAIN, authorization: PLAIN } } }, 'nested');
    logger.error({ err: Object.assign(new Error('request failed'), { request: { headers: { 'x-api-key': PLAIN, authorization: PLAIN } } }) }, 'sdk error');
    const out = output();
    expect(out).not.toContain(PLAIN);
    expect(out).toContain('[redacted]');
    expect(out).toContain('request failed');
  });

  it('keeps ordinary output intact', () => {
    const { logger, output } = capture();
    logger.info({ projectId: 'p1', model: 'gpt-4o-mini', task: 'task-manager' }, 'core started');
    const line = JSON.parse(output()) as Record<string, unknown>;
    expect(line).toMatchObject({ app: 'nova-studio', projectId: 'p1', model: 'gpt-4o-mini', task: 'task-manager', msg: 'core started' });
  });
});

describe('createLogger context and files', () => {
  it('stamps every line written inside a log context with its trace id, children included', async () => {
    const { logger, output } = capture();
    logger.info('outside');
    await withLogContext({ trace: 'a1b2c3d4e5f6' }, async () => {
      logger.info('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ component: 'x' }).warn('later, from a child');
    });
    const lines = output().trim().split('\n').map((line) => JSON.parse(line) as { msg: string; trace?: string });
    expect(lines.map((l) => [l.msg, l.trace])).toEqual([
      ['outside', undefined],
      ['inside', 'a1b2c3d4e5f6'],
      ['later, from a child', 'a1b2c3d4e5f6'],
    ]);
  });

  it('rotates the log file at its size cap and keeps a bounded number of files, still redacted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-logs-'));
    try {
      const file = path.join(dir, 'logs', 'web.log');
      const logger = createLogger({ file, rotation: { maxBytes: 4096, files: 2 } });
      for (let i = 0; i < 400; i += 1) logger.info({ i, apiKey: KEY, note: 'n'.repeat(60) }, 'line');
      logger.info('the last line');
      await closeLogger(logger);

      const names = readdirSync(path.dirname(file)).sort();
      expect(names).toEqual(['web.log', 'web.log.1', 'web.log.2']);
      for (const name of names) {
        // Rotation happens after the write that crosses the cap: one line over at most.
        expect(statSync(path.join(dir, 'logs', name)).size).toBeLessThan(4096 + 400);
        expectAbsent(readFileSync(path.join(dir, 'logs', name), 'utf8'), KEY);
      }
      expect(readFileSync(file, 'utf8')).toContain('the last line');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
