import type { DomainHandlers } from '../handlers';
import type { PrefsService } from './prefs.service';

export function createPrefsHandlers(prefs: PrefsService): DomainHandlers<'prefs.get' | 'prefs.update'> {
  return {
    'prefs.get': () => prefs.get(),
    'prefs.update': (changes) => prefs.update(changes),
  };
}
