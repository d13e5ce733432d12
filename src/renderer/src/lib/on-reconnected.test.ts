import { describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from './transport';
import { onReconnected } from './on-reconnected';

describe('onReconnected', () => {
  it('rereads only when the connection opens again after it was lost, once per loss, until unsubscribed', () => {
    let emit: (status: ConnectionStatus) => void = () => undefined;
    const off = vi.fn();
    const api = { onStatus: (listener: (status: ConnectionStatus) => void) => ((emit = listener), off) };
    const reread = vi.fn();
    const unsubscribe = onReconnected(api, reread);
    emit('open');
    expect(reread).not.toHaveBeenCalled();
    emit('closed');
    emit('open');
    emit('open');
    expect(reread).toHaveBeenCalledTimes(1);
    emit('unreachable');
    emit('open');
    expect(reread).toHaveBeenCalledTimes(2);
    unsubscribe();
    expect(off).toHaveBeenCalled();
  });
});
