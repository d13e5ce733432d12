import type { MethodName, MethodOutput, ParsedInput } from '../../shared/ipc/contract';

/** Who is calling: lets a handler log or refuse by transport. */
export interface CallContext {
  transport: 'electron' | 'websocket' | 'direct';
  /**
   * The connection the call came over (one page's socket, one page load of a window). Streams a
   * call starts belong to it and stop when it goes away. Absent for direct calls.
   */
  connectionId?: string;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  context: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** One handler per contract method; the type makes a missing one a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** The handlers a domain provides: a subset of the contract, named explicitly. */
export type DomainHandlers<M extends MethodName> = { [K in M]: Handler<K> };
