import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { planSchema, playbookSchema, playbookStartSchema, type Playbook } from '../../../shared/models/plans';
import { problemsFromZod } from '../platform/zod-issues';

/**
 * The repo's resources/playbooks/ folder, found from this file (tests, tsx, the browser mode);
 * a packaged app passes its own path.
 */
export const DEFAULT_PLAYBOOKS_FOLDER = fileURLToPath(new URL('../../../../resources/playbooks/', import.meta.url));

const EXTENSION = '.yaml';

/** A shipped playbook file: the id is its file name. */
const playbookFileSchema = z.object({ name: z.string(), description: z.string(), startedFrom: playbookStartSchema.default('chat'), plan: planSchema }).strict();

/**
 * Reads every `*.yaml` of the folder as a shipped playbook (`builtin`, id = file name), sorted by
 * id, each checked with `playbookSchema`. Throws one INTERNAL error listing every problem as
 * "playbooks/file.yaml: field: what is wrong" — a broken shipped file is a bug, not a writer's error.
 */
export function loadShippedPlaybooks(folder: string = DEFAULT_PLAYBOOKS_FOLDER): Playbook[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(EXTENSION));
  } catch (cause) {
    throw new AppError(ErrorCode.INTERNAL, `The playbooks folder ${folder} could not be read.`, { cause });
  }
  const playbooks: Playbook[] = [];
  const errors: string[] = [];
  for (const name of names.sort()) {
    const label = `${path.basename(folder)}/${name}`;
    let raw: unknown;
    try {
      raw = parse(readFileSync(path.join(folder, name), 'utf8'));
    } catch (cause) {
      errors.push(`${label}: (file): is not valid YAML (${cause instanceof Error ? cause.message : String(cause)})`);
      continue;
    }
    const file = playbookFileSchema.safeParse(raw);
    const parsed = file.success
      ? playbookSchema.safeParse({ id: name.slice(0, -EXTENSION.length), ...file.data, builtin: true, basedOn: null, updatedAt: 0 })
      : file;
    if (parsed.success) playbooks.push(parsed.data as Playbook);
    else errors.push(...problemsFromZod(parsed.error, raw).map((p) => `${label}: ${p.field}: ${p.message}`));
  }
  if (errors.length > 0) throw new AppError(ErrorCode.INTERNAL, `Some shipped playbooks are invalid:\n${errors.join('\n')}`);
  return playbooks;
}
