import type { AppInfo } from '../../../shared/models/app';
import type { DomainHandlers } from '../handlers';

export function createAppInfoHandlers(info: AppInfo): DomainHandlers<'app.info'> {
  return { 'app.info': () => info };
}
