import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/*
 * Read-back tools for export tests: the Debian packages CI installs (epubcheck, poppler-utils,
 * python3-docx). They are called directly so a missing tool fails the test with a clear message.
 */

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not be run (${result.error.message}); install it as in .ci/run`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Debian's /usr/bin/epubcheck is the jar itself, runnable only where binfmt_misc knows jars.
const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

/** Runs EPUBCheck on a file; status 0 means no errors. */
export function epubcheck(file: string): ToolResult {
  return existsSync(EPUBCHECK_JAR) ? run('java', ['-jar', EPUBCHECK_JAR, file]) : run('epubcheck', [file]);
}

/** Runs a Python script with Debian's python3 (which has python3-docx); extra args follow the script. */
export function python(script: string, ...args: string[]): ToolResult {
  return run(existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', ['-c', script, ...args]);
}

/** A poppler-utils command (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`, `pdftohtml`). */
export function poppler(command: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'pdftoppm' | 'pdftohtml', ...args: string[]): ToolResult {
  return run(command, args);
}
