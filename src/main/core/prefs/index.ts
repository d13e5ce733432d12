export { createPrefsService, type PrefsService } from './prefs.service';
export { createPrefsHandlers } from './handlers';
