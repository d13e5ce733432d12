import { z } from 'zod';

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  sqliteVersion: z.string(),
  vecVersion: z.string(),
  transport: z.enum(['electron', 'websocket']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const Theme = { system: 'system', light: 'light', dark: 'dark' } as const;
export type Theme = (typeof Theme)[keyof typeof Theme];

/** Preferences kept by the core so they survive a new browser-mode port or a new window. */
export const prefsSchema = z.object({
  theme: z.enum(Object.values(Theme) as [Theme, ...Theme[]]),
  /** Words the writer means to write in one sitting. */
  sessionGoal: z.number().int().min(0).max(100_000),
  editorFontSize: z.number().int().min(12).max(32),
});
export type Prefs = z.infer<typeof prefsSchema>;
export const DEFAULT_PREFS: Prefs = { theme: 'system', sessionGoal: 1000, editorFontSize: 18 };
export const prefsUpdateSchema = prefsSchema.partial().strict();
