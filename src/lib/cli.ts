import type { Database } from '../db/client.js';
import type { Config } from '../env.js';
import type { ResolvedKeys } from './key-file.js';

/** What a command gets: the opened, migrated database and the same configuration as the server. */
export interface CliContext {
  database: Database;
  config: Config;
  /** Where the keys came from (the environment or the key file); only for the KEYED commands. */
  keys: ResolvedKeys;
  args: string[];
  stdin: () => Promise<string>;
  out: (line: string) => void;
}

/** A command answers its exit code; its result goes to `out` (stdout), its complaints to stderr. */
export type Command = (ctx: CliContext) => Promise<number>;

/** An optional `--now` instant, else the clock's. */
export function instantArg(value: string | undefined): Date | null {
  const now = value ? new Date(value) : new Date();
  return Number.isNaN(now.getTime()) ? null : now;
}
