import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { logUnhandledRejections } from './process-guards';

describe('logUnhandledRejections', () => {
  it('logs a rejection nothing handled, instead of letting it end the process', () => {
    const lines: string[] = [];
    const logger = createLogger({ stream: { write: (line: string) => void lines.push(line) } });
    const fakeProcess = new EventEmitter();
    const uninstall = logUnhandledRejections(logger, fakeProcess);
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(1);

    fakeProcess.emit('unhandledRejection', new RangeError('Maximum call stack size exceeded'), Promise.resolve());
    const line = JSON.parse(lines[0] ?? '{}') as { level: number; msg: string; err?: { message: string } };
    expect(line).toMatchObject({ level: 50, msg: 'unhandled promise rejection (the core keeps running)' });
    expect(line.err?.message).toBe('Maximum call stack size exceeded');

    uninstall();
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(0);
  });
});
