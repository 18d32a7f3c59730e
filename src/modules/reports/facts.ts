import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { EventFact, Facts, HoursFact, LineFact, ReachFact, SourceFact } from '../../domain/aid-summary.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';

/** The year as a half-open range on `occurred_on`, so every query reads one index range and nothing else. */
export function yearRange(year: number, column = 'occurred_on'): SQL {
  return sql`${sql.raw(column)} >= ${`${year}-01-01`} AND ${sql.raw(column)} < ${`${year + 1}-01-01`}`;
}

// Every fact query ends in `f`, with the owner columns of its row: a station sees what reached its township
// (whoever organised it), a coordinator what its organisation did (decision 0175).
const inScope = (s: Scope) =>
  scopeWhere(s, { township: sql.raw('f.township_id'), organisation: sql.raw('f.organisation_id') });

const notVoided = sql.raw('NOT EXISTS (SELECT 1 FROM activity_voids v WHERE v.activity_id = a.id)');

// An activity's event: a service-day shift's aid of one organisation is one event with that shift's visits.
const activityEvent = sql.raw(
  "CASE WHEN a.shift_id IS NULL THEN 'activity:' || a.id ELSE 'shift:' || a.shift_id || ':' || a.organisation_id END",
);

/** Whom each non-voided activity reached, under the target's own township (copied at write time, decision 0175). */
const targetRows = (year: number) => sql`SELECT t.organisation_id, a.organisation_kind,
    substr(t.occurred_on, 1, 7) AS month, ${activityEvent} AS event,
    CASE WHEN t.recipient_id IS NULL THEN 'nursing_home' ELSE 'household' END AS target,
    coalesce(t.recipient_id, t.nursing_home_id) AS id, t.township_id
  FROM activity_targets t JOIN activities a ON a.id = t.activity_id
  WHERE ${yearRange(year, 't.occurred_on')} AND ${notVoided}`;

/**
 * Counted visits: outcome visited, by a volunteer or a station worker (a 守望之家's care visits are the daily care
 * promise, counted by compliance). The visiting body is the organisation of the published plan's shift that had the
 * household that day, else the recorder's own organisation (or their township's station). A home-supported household
 * is reached; a nursing-home resident's visit reaches their nursing home. Reads the year's counted visits from `cv`
 * (`countedVisits`, a CTE of the statement).
 */
const visitRows = () => sql`SELECT o.id AS organisation_id, o.kind AS organisation_kind,
    substr(cv.visited_on, 1, 7) AS month,
    CASE WHEN cv.shift_id IS NULL THEN 'day:' || o.id || ':' || cv.visited_on ELSE 'shift:' || cv.shift_id || ':' || o.id END AS event,
    CASE WHEN r.support_mode = 'home' THEN 'household' ELSE 'nursing_home' END AS target,
    CASE WHEN r.support_mode = 'home' THEN r.id ELSE r.nursing_home_id END AS id,
    CASE WHEN r.support_mode = 'home' THEN r.township_id ELSE coalesce(h.township_id, r.township_id) END AS township_id
  FROM cv
  CROSS JOIN recipients r ON r.id = cv.recipient_id
  LEFT JOIN organisations h ON h.id = r.nursing_home_id
  LEFT JOIN shifts s ON s.id = cv.shift_id
  LEFT JOIN users u ON u.id = cv.recorded_by
  LEFT JOIN organisations st ON st.kind = 'station' AND st.township_id = u.township_id AND u.role = 'station_staff'
  JOIN organisations o ON o.id = coalesce(s.organisation_id, u.organisation_id, st.id) AND o.kind IN ('social_org', 'station')
  WHERE r.support_mode = 'home' OR r.nursing_home_id IS NOT NULL`;

// Materialized, so the plan subquery runs once per visit, not once per expression that reads its result.
const countedVisits = (year: number) => sql`cv AS MATERIALIZED (SELECT v.recipient_id, v.visited_on, v.recorded_by,
      (SELECT s.id FROM plan_assignments pa JOIN visit_plans vp ON vp.id = pa.plan_id JOIN shifts s ON s.id = vp.shift_id
        WHERE pa.published = 1 AND pa.recipient_id = v.recipient_id AND s.date = v.visited_on ORDER BY s.id LIMIT 1) AS shift_id
    FROM visits v
    WHERE ${yearRange(year, 'v.visited_on')} AND v.outcome = 'visited' AND v.visitor_kind IN ('volunteer', 'station_worker'))`;

// The covering index led by the scope's own column, then the year. Named, because with ANALYZE's statistics SQLite
// preferred a skip-scan of the organisation index for the whole county (measured 500 ms against 10 ms for 10 k lines).
const LINE_INDEX: Partial<Record<Scope['kind'], string>> = {
  all: 'ledger_lines_on_idx',
  township: 'ledger_lines_township_idx',
  organisation: 'ledger_lines_org_idx',
};

const lineIndex = (s: Scope) => sql.raw(LINE_INDEX[s.kind] ?? 'ledger_lines_on_idx');

/**
 * The year's facts within a scope as relations: the counted-visits CTE (`cv`, to be named in a WITH) and the
 * selects over it and the ledger. `factStatements` reads them row by row for the fold; ./measures.ts counts them.
 */
export function factRelations(year: number, s: Scope) {
  const where = inScope(s);
  return {
    countedVisits: countedVisits(year),
    // Each row is one target (or visited household) of one event, distinct: both the events and the reach.
    reach: sql`SELECT DISTINCT event, target, id, organisation_id, organisation_kind, township_id, month
      FROM (${targetRows(year)} UNION ALL ${visitRows()}) f WHERE ${where}`,
    // Lines carry their activity's township (its first-named target's) and date: one covering index range. Reversals
    // carry the negated figures and source, so the sums are those of the lines not reversed; a voided activity's
    // lines are all reversed, so they net to nothing without a join.
    lines: sql`SELECT f.organisation_id, '' AS organisation_kind, f.township_id, substr(f.occurred_on, 1, 7) AS month, f.kind,
        sum(f.amount_fen) AS amount, sum(f.service_centihours) AS centihours
      FROM ledger_lines f INDEXED BY ${lineIndex(s)}
      WHERE ${yearRange(year, 'f.occurred_on')} AND ${where} GROUP BY 1, 2, 3, 4, 5`,
    // The same range summed per (organisation, township, month), cash and goods apart: what the counts add up.
    lineSums: sql`SELECT f.organisation_id, f.township_id, substr(f.occurred_on, 1, 7) AS month,
        sum(CASE WHEN f.kind = 'cash' THEN f.amount_fen ELSE 0 END) AS cash,
        sum(CASE WHEN f.kind = 'goods' THEN f.amount_fen ELSE 0 END) AS goods,
        sum(f.service_centihours) AS centihours
      FROM ledger_lines f INDEXED BY ${lineIndex(s)}
      WHERE ${yearRange(year, 'f.occurred_on')} AND ${where} GROUP BY 1, 2, 3`,
    // The table by source reads the same range summed by source only: a few rows, not one per group of the others.
    sources: sql`SELECT coalesce(f.funding_source, 'unspecified') AS source, f.kind,
        sum(f.amount_fen) AS amount, sum(f.service_centihours) AS centihours
      FROM ledger_lines f INDEXED BY ${lineIndex(s)}
      WHERE ${yearRange(year, 'f.occurred_on')} AND ${where} GROUP BY 1, 2`,
    // Confirmed time on shifts, filed under the shift's organisation and township, one row per sign-up.
    hours: sql`SELECT f.* FROM (SELECT ss.volunteer_id, s.organisation_id, o.kind AS organisation_kind, s.township_id,
          substr(s.date, 1, 7) AS month, ss.confirmed_minutes AS minutes
        FROM shifts s JOIN shift_signups ss ON ss.shift_id = s.id JOIN organisations o ON o.id = s.organisation_id
        WHERE ${yearRange(year, 's.date')} AND ss.confirmed_minutes > 0) f
      WHERE ${where}`,
  };
}

/** The statements that read a year's facts within a scope (the benchmark runs them bare as the floor). */
export function factStatements(year: number, s: Scope) {
  const f = factRelations(year, s);
  return {
    reach: sql`WITH ${f.countedVisits} ${f.reach}`,
    lines: f.lines,
    sources: f.sources,
    hours: sql`SELECT volunteer_id, organisation_id, organisation_kind, township_id, month, sum(minutes) AS minutes
      FROM (${f.hours}) GROUP BY 1, 2, 3, 4, 5`,
  };
}

type Row = Record<string, unknown>;
const town = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const filed = (r: Row) => ({
  organisationId: Number(r.organisation_id),
  organisationKind: String(r.organisation_kind),
  townshipId: town(r.township_id),
  month: String(r.month),
});

/** The rows of the `sources` statement as facts. */
export const sourceFacts = (rows: Row[]): SourceFact[] =>
  rows.map((r) => ({
    source: r.source as SourceFact['source'],
    kind: r.kind as SourceFact['kind'],
    amountFen: Number(r.amount),
    centihours: Number(r.centihours),
  }));

/** Reads a year's facts in one batch (one consistent snapshot). */
export async function readFacts(db: Db, year: number, s: Scope): Promise<Facts> {
  const st = factStatements(year, s);
  const [reach, lines, sources, hours] = (await db.batch([
    db.all(st.reach),
    db.all(st.lines),
    db.all(st.sources),
    db.all(st.hours),
  ])) as unknown as Row[][];
  const reached = reach.map((r) => ({
    ...filed(r),
    event: String(r.event),
    target: r.target as ReachFact['target'],
    id: Number(r.id),
  }));
  return {
    // The fold counts events as a set, so one fact per target of an event is as good as one per event.
    events: reached as EventFact[],
    reach: reached as ReachFact[],
    lines: lines.map(
      (r): LineFact => ({
        ...filed(r),
        kind: r.kind as LineFact['kind'],
        amountFen: Number(r.amount),
        centihours: Number(r.centihours),
      }),
    ),
    sources: sourceFacts(sources),
    hours: hours.map(
      (r): HoursFact => ({ ...filed(r), volunteerId: Number(r.volunteer_id), minutes: Number(r.minutes) }),
    ),
  };
}
