import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './paths.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a child process wrote, and its exit code (-1 when it was killed) once it closed. */
export function outputOf(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  return new Promise((done, fail) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Runs the CLI as an operator would (`npm run --silent cli -- …` runs `tsx src/cli.ts`), in the repository, with
 * `env` added to this process's environment; `stdin`, when given, is written and closed (a password typed in).
 */
export function runCli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliRun> {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  const output = outputOf(child);
  if (stdin !== undefined) child.stdin.end(stdin);
  return output;
}
