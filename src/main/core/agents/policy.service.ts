import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { policySchema, type PolicyFile, type PolicyRule } from '../../../shared/models/policy';
import type { PolicyViolation, ProposalChange } from '../../../shared/models/runs';
import { writeAtomically } from '../platform/private-files';
import { parseYamlData, problemsFromZod } from '../platform/zod-issues';
import { checkPolicy, compilePattern } from './policy-rules';

/** The repo's resources/policy.yaml; a packaged app passes process.resourcesPath/resources/policy.yaml. */
export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../../../../resources/policy.yaml', import.meta.url));
/** The writer's copy in the data folder. */
export const USER_POLICY_FILE_NAME = 'policy.yaml';

/** The policy's verdict on a change, before it becomes a proposal (the proposals domain calls it). */
export interface PolicyCheck {
  check(change: ProposalChange): PolicyViolation[];
}

export interface PolicyServiceOptions {
  shippedFile: string;
  /** `<dataDir>/policy.yaml`; it need not exist. */
  userFile: string;
}

type Parsed = { ok: true; rules: PolicyRule[] } | { ok: false; problems: string };

/** YAML, then the policy schema, then that every blocked pattern compiles. */
export function parsePolicyYaml(text: string): Parsed {
  const yaml = parseYamlData(text);
  if (!yaml.ok) return { ok: false, problems: `${yaml.problem.field}: ${yaml.problem.message}` };
  const raw = yaml.value;
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, raw).map((p) => `${p.field}: ${p.message}`).join('; ') };
  const broken = parsed.data.rules.flatMap((rule, index) => (rule.type === 'blocked-pattern' && compilePattern(rule.pattern) === null ? [`rules.${index}.pattern: is not a valid regular expression`] : []));
  const ids = parsed.data.rules.map((rule) => rule.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index).map((id) => `rules: the id “${id}” is used twice`);
  const problems = [...broken, ...repeated];
  return problems.length > 0 ? { ok: false, problems: problems.join('; ') } : { ok: true, rules: parsed.data.rules };
}

/**
 * The content policy (seed 001's policy.yaml): the shipped defaults, or the writer's copy in the
 * data folder while it is valid. An invalid copy stays on disk (the writer may want to fix it):
 * `get` then shows its text with the `problem`, and the shipped rules apply. Saving checks the
 * text first and writes atomically; reset deletes the copy.
 */
export function createPolicyService(options: PolicyServiceOptions) {
  const shippedYaml = readShipped(options.shippedFile);
  const shipped = parsePolicyYaml(shippedYaml);
  if (!shipped.ok) throw new AppError(ErrorCode.INTERNAL, `The shipped policy ${options.shippedFile} is not valid: ${shipped.problems}.`);
  const shippedFile: PolicyFile = { source: 'shipped', yaml: shippedYaml, rules: shipped.rules, problem: null };

  const load = (): PolicyFile => {
    let text: string;
    try {
      text = readFileSync(options.userFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return shippedFile;
      return { ...shippedFile, problem: `Your policy file ${options.userFile} could not be read (${(error as Error).message}); the shipped policy applies.` };
    }
    const parsed = parsePolicyYaml(text);
    if (parsed.ok) return { source: 'user', yaml: text, rules: parsed.rules, problem: null };
    return { source: 'shipped', yaml: text, rules: shipped.rules, problem: `Your policy file is not valid (${parsed.problems}); the shipped policy applies until you fix it or reset it.` };
  };
  let current = load();

  return {
    /** The policy in force; re-reads the writer's copy (it may have been edited by hand). */
    get(): PolicyFile {
      current = load();
      return current;
    },
    /** Checks and saves the writer's copy; an invalid text is refused with every problem and nothing is written. */
    save(yaml: string): PolicyFile {
      const parsed = parsePolicyYaml(yaml);
      if (!parsed.ok) throw new AppError(ErrorCode.INVALID_INPUT, `This policy cannot be saved: ${parsed.problems}.`);
      writeAtomically(options.userFile, yaml, 'The policy');
      current = { source: 'user', yaml, rules: parsed.rules, problem: null };
      return current;
    },
    /** Deletes the writer's copy: the shipped policy applies again. */
    reset(): PolicyFile {
      try {
        rmSync(options.userFile, { force: true });
      } catch (cause) {
        throw new AppError(ErrorCode.STORAGE_FAILED, `Your policy file ${options.userFile} could not be deleted.`, { cause });
      }
      current = shippedFile;
      return current;
    },
    /** The violations of the rules in force by a proposed change. */
    check(change: ProposalChange): PolicyViolation[] {
      return checkPolicy(current.rules, change);
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;

function readShipped(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AppError(ErrorCode.INTERNAL, `The shipped policy ${file} could not be read.`, { cause });
  }
}

