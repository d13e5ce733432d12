import type { EventEmitter } from 'node:events';
import type { Logger } from './logger';

/**
 * The last resort behind every transport's own `catch`: a promise rejection nobody handled is
 * logged and the process keeps running. Node's default would end the process, dropping every
 * connected window and any save in flight, for what is almost always one failed request.
 * Both shells install it at start-up. Returns a function that removes it.
 */
export function logUnhandledRejections(logger: Logger, target: Pick<EventEmitter, 'on' | 'off'> = process): () => void {
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection (the core keeps running)');
  target.on('unhandledRejection', onRejection);
  return () => target.off('unhandledRejection', onRejection);
}
