import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { ModelsConfig } from '../../../../shared/models/llm';
import { checkModelsConfig, describeProblems, parseModelsYaml } from './models-config.check';
import { AI_SETTINGS } from '../../../../shared/text/settings-names';
import { writeAtomically } from '../../platform/private-files';

/**
 * The repo's resources/models.yaml, found from this file. Right for tests, tsx and the browser
 * mode; a bundled or packaged app passes its own path (process.resourcesPath/resources/models.yaml).
 */
export const DEFAULT_MODELS_FILE = fileURLToPath(new URL('../../../../../resources/models.yaml', import.meta.url));

/** The name of the user's copy in the data folder. */
export const USER_MODELS_FILE_NAME = 'models.yaml';

export interface ModelsConfigStoreOptions {
  /** The shipped defaults (resources/models.yaml). */
  defaultsFile: string;
  /** The user's copy (`<dataDir>/models.yaml`); it need not exist. */
  userFile: string;
}

const HEADER =
  `# Nova Studio models file, saved from ${AI_SETTINGS}. It overrides the shipped defaults while it is valid;\n` +
  '# delete it (or use "Reset to defaults") to go back to them.\n';

interface Loaded {
  config: ModelsConfig;
  warning: string | null;
}

/**
 * The models file in effect: the user's copy in the data folder when present and valid, else the
 * shipped defaults. An invalid copy is kept on disk (the user may want to fix it) but ignored,
 * with a {@link warning} naming the file and the field. Broken defaults are a packaging bug and
 * fail at start.
 */
export function createModelsConfigStore(options: ModelsConfigStoreOptions) {
  const { defaultsFile, userFile } = options;
  const defaults = readDefaults(defaultsFile);
  let loaded: Loaded | undefined;

  const load = (): Loaded => {
    let text: string;
    try {
      text = readFileSync(userFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaults, warning: null };
      return { config: defaults, warning: `Your models file ${userFile} could not be read (${(error as Error).message}); the shipped defaults are in use.` };
    }
    const result = parseModelsYaml(text);
    if (result.ok) return { config: result.config, warning: null };
    return {
      config: defaults,
      warning: `Your models file ${userFile} is not valid (${describeProblems(result.problems)}); the shipped defaults are in use until you fix it or reset the routes.`,
    };
  };
  const current = (): Loaded => (loaded ??= load());

  return {
    /** The config in effect (read once, then kept until update, reset or reload). */
    get(): ModelsConfig {
      return current().config;
    },
    /** Why the user's copy is being ignored, or null when it is fine or absent. */
    warning(): string | null {
      return current().warning;
    },
    /** The shipped defaults, whatever the user's copy says. */
    defaults(): ModelsConfig {
      return defaults;
    },
    /** Validates and saves the user's copy atomically (temp file, fsync, rename). */
    update(config: unknown): ModelsConfig {
      const result = checkModelsConfig(config);
      if (!result.ok) throw new AppError(ErrorCode.INVALID_INPUT, `These routes cannot be saved: ${describeProblems(result.problems)}.`);
      writeAtomically(userFile, HEADER + stringify(result.config), 'The models file');
      loaded = { config: result.config, warning: null };
      return result.config;
    },
    /** Deletes the user's copy; the shipped defaults apply again. */
    reset(): ModelsConfig {
      try {
        rmSync(userFile, { force: true });
      } catch (cause) {
        throw new AppError(ErrorCode.STORAGE_FAILED, `Your models file ${userFile} could not be deleted.`, { cause });
      }
      loaded = { config: defaults, warning: null };
      return defaults;
    },
    /** Re-reads the user's copy (after it was edited by hand). */
    reload(): ModelsConfig {
      loaded = load();
      return loaded.config;
    },
  };
}

export type ModelsConfigStore = ReturnType<typeof createModelsConfigStore>;

function readDefaults(file: string): ModelsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AppError(ErrorCode.INTERNAL, `The shipped models file ${file} could not be read.`, { cause });
  }
  const result = parseModelsYaml(text);
  if (!result.ok) throw new AppError(ErrorCode.INTERNAL, `The shipped models file ${file} is not valid: ${describeProblems(result.problems)}.`);
  return result.config;
}

