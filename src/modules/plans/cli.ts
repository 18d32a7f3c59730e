import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { KernelInputError, type KernelInstance, kernelOf, solveKernel } from '../../domain/matching/index.js';
import { type MessageKey, translator } from '../../lib/i18n/index.js';
import { highsSolver } from '../../lib/milp-highs.js';
import { ALL } from '../../lib/scope.js';
import { findShift } from '../shifts/queries.js';
import { currentPins } from './planner-input.js';

const id = z.number().int().safe();
/** The kernel's JSON format: ids and integers only. */
export const kernelSchema = z.object({
  volunteers: z.array(z.object({ id, capacity: z.number().int().min(0).max(1000) })),
  recipients: z.array(
    z.object({ id, visitors: z.union([z.literal(1), z.literal(2)]), priority: z.number().int().min(0).max(1_000_000) }),
  ),
  pairs: z.array(z.tuple([id, id, z.number().int().min(0).max(1_000_000)])),
  pins: z.array(z.object({ volunteerId: id, recipientId: id })).default([]),
});

type Out = (line: string) => void;
/** Operators read the command line in Chinese by default; LANG=en… gives English. */
const t = translator(process.env.LANG?.startsWith('en') ? 'en' : 'zh');

function fail(key: MessageKey, params?: Record<string, string | number>): number {
  console.error(t(key, params));
  return 1;
}

/** `plan solve <instance.json> [--time-limit-ms N]`: one JSON answer on stdout; exit 1 with a message on bad input. */
export async function planSolveCommand(args: string[], defaultLimitMs: number, out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'time-limit-ms': { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) return fail('kernel.usage');
  const limit = values['time-limit-ms'] === undefined ? defaultLimitMs : Number(values['time-limit-ms']);
  if (!Number.isInteger(limit) || limit < 1 || limit > 600_000) return fail('kernel.timeLimit');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail('kernel.file', { file, reason: (error as Error).message });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('kernel.json', { file, reason: (error as Error).message });
  }
  const parsed = kernelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('kernel.shape', { path: issue.path.join('.') || '(root)', reason: issue.message });
  }
  const milp = await highsSolver();
  try {
    const answer = solveKernel(parsed.data, { timeLimitMs: limit, clock: () => performance.now(), milp });
    out(JSON.stringify(answer));
    return 0;
  } catch (error) {
    if (error instanceof KernelInputError) return fail(`kernel.${error.code}`, { detail: error.detail });
    throw error;
  }
}

/** `plan export <shiftId> <file>`: the shift's planning problem as the kernel sees it (no personal data). */
export async function planExportCommand(db: Db, args: string[], out: Out): Promise<number> {
  const [shiftArg, file] = args;
  if (!shiftArg || !file) return fail('kernel.usage');
  // The shell acts as the county administrator: every shift is in scope.
  const shift = await findShift(db, ALL, Number(shiftArg));
  if (!shift) return fail('kernel.noShift', { id: shiftArg });
  const { input, pins } = await currentPins(db, shift);
  const instance: KernelInstance = kernelOf(input.volunteers, input.recipients, { pins });
  await writeFile(file, `${JSON.stringify(instance)}\n`);
  out(
    JSON.stringify({
      file,
      shiftId: shift.id,
      volunteers: instance.volunteers.length,
      recipients: instance.recipients.length,
      pairs: instance.pairs.length,
      pins: instance.pins.length,
    }),
  );
  return 0;
}
