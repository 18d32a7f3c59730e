import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { coveragePeriods, townships } from '../../db/schema/index.js';
import { COVERAGE_MONTHS, DEFAULT_COVERAGE_MONTHS } from '../../domain/coverage.js';
import type { Command } from '../../lib/cli.js';
import { type MessageKey, translator } from '../../lib/i18n/index.js';
import { ALL } from '../../lib/scope.js';
import { setCoveragePeriod } from './coverage-periods.js';

const t = translator(process.env.LANG?.startsWith('en') ? 'en' : 'zh');

function fail(key: MessageKey, params?: Record<string, string | number>): number {
  console.error(t(key, params));
  return 1;
}

/**
 * `coverage set <months> [--township ID]`: how often every household must be visited by an organisation or the
 * station (decision 0165), for the county or one township; `coverage show`: what applies where. Audited.
 */
export const coverageCommand: Command = async ({ database, args, out }) => {
  const db = database.db;
  const { values, positionals } = parseArgs({
    args,
    options: { township: { type: 'string' } },
    allowPositionals: true,
  });
  const [verb, monthsArg] = positionals;
  if (verb === 'show') {
    const rows = await db.select().from(coveragePeriods);
    const county = rows.find((r) => r.townshipId === null)?.months ?? DEFAULT_COVERAGE_MONTHS;
    const townshipRows = rows
      .filter((r) => r.townshipId !== null)
      .map((r) => ({ townshipId: r.townshipId, months: r.months }));
    out(JSON.stringify({ county, townships: townshipRows }));
    return 0;
  }
  const months = Number(monthsArg);
  if (verb !== 'set' || !(COVERAGE_MONTHS as readonly number[]).includes(months)) return fail('coverage.cli.usage');
  const townshipId = values.township === undefined ? null : Number(values.township);
  if (townshipId !== null) {
    const [found] = Number.isSafeInteger(townshipId)
      ? await db.select({ id: townships.id }).from(townships).where(eq(townships.id, townshipId))
      : [];
    if (!found) return fail('coverage.cli.noTownship', { id: String(values.township) });
  }
  // The web page's own use case: the CLI is the county's operator, every township in reach.
  await setCoveragePeriod({ db, now: new Date(), actorUserId: null, scope: ALL, townshipId, months });
  out(JSON.stringify({ townshipId, months }));
  return 0;
};
