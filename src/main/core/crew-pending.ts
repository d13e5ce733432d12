import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { MethodName } from '../../shared/ipc/contract';
import type { Handler } from './handlers';

/*
 * TEMPORARY scaffolding while the agent crew is built on parallel branches: the crew's contract
 * methods whose handlers have not landed yet. Each branch deletes the names it implements; the
 * file is deleted when the list is empty. Nothing here may reach a release.
 */
const PENDING = [
  'playbooks.list',
  'playbooks.get',
  'playbooks.duplicate',
  'playbooks.update',
  'playbooks.delete',
] as const satisfies readonly MethodName[];

type Pending = (typeof PENDING)[number];

export function createPendingCrewHandlers(): { [M in Pending]: Handler<M> } {
  const notYet = () => {
    throw new AppError(ErrorCode.INTERNAL, 'This part of the agent crew is not built yet.');
  };
  return Object.fromEntries(PENDING.map((name) => [name, notYet])) as unknown as { [M in Pending]: Handler<M> };
}
