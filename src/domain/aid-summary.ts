/**
 * The annual summary, defined once (docs/annual-summary.md). Every figure is folded here from facts the reports
 * module reads from the database; nothing else counts. Pure: no IO, no clock.
 */
import type { FundingSource, LineKind } from './vocabulary.js';

export interface Measures {
  organisations_participating: number;
  stations_participating: number;
  nursing_homes_visited: number;
  households_visited: number;
  assistance_events: number;
  cash_fen: number;
  goods_value_fen: number;
  aid_total_fen: number;
  service_hours: number;
  volunteer_hours: number;
  volunteers_serving: number;
}

/** Only these bodies organise events and visits that the summary counts (a 守望之家's care visits do not). */
export type CountedKind = 'social_org' | 'station';
type Filed = { organisationId: number; organisationKind: string; townshipId: number | null; month: string };

/**
 * One assistance event as it reached one township: `event` is its identity — a service-day shift's visits and aid
 * of one organisation share one (`shift:<id>:<org>`), an activity off a shift is its own (`activity:<id>`), an
 * organisation's visits off any shift on one date share one (`day:<org>:<date>`). An event reaching households
 * of two townships gives two facts with the same identity: it counts once in the county, once in each township.
 */
export interface EventFact extends Filed {
  event: string;
}

/** A household (or nursing home) reached by a counted visit or named on a non-voided activity. */
export interface ReachFact extends Filed {
  target: 'household' | 'nursing_home';
  id: number;
}

/** Net money and hours of one kind of line (reversals already netted in the sums; voided activities net to nothing). */
export interface LineFact extends Filed {
  kind: LineKind;
  amountFen: number;
  centihours: number;
}

/** The same sums by funding source alone (the table by source needs no other grouping). */
export interface SourceFact {
  source: FundingSource | 'unspecified';
  kind: LineKind;
  amountFen: number;
  centihours: number;
}

/** Confirmed minutes of one volunteer on the shifts of one organisation in one township and month. */
export interface HoursFact extends Filed {
  volunteerId: number;
  minutes: number;
}

export interface Facts {
  events: EventFact[];
  reach: ReachFact[];
  lines: LineFact[];
  sources: SourceFact[];
  hours: HoursFact[];
}

export type GroupKey = 'all' | 'month' | 'organisation' | 'township';

export function emptyMeasures(): Measures {
  return {
    organisations_participating: 0,
    stations_participating: 0,
    nursing_homes_visited: 0,
    households_visited: 0,
    assistance_events: 0,
    cash_fen: 0,
    goods_value_fen: 0,
    aid_total_fen: 0,
    service_hours: 0,
    volunteer_hours: 0,
    volunteers_serving: 0,
  };
}

const keyOf = (g: GroupKey, f: Filed): string =>
  g === 'all'
    ? 'all'
    : g === 'month'
      ? f.month
      : g === 'organisation'
        ? String(f.organisationId)
        : String(f.townshipId ?? '');

class Tally {
  events = new Set<string>();
  social = new Set<number>();
  stations = new Set<number>();
  households = new Set<number>();
  homes = new Set<number>();
  volunteers = new Set<number>();
  cash = 0;
  goods = 0;
  centihours = 0;
  minutes = 0;
  participant(f: Filed) {
    if (f.organisationKind === 'social_org') this.social.add(f.organisationId);
    if (f.organisationKind === 'station') this.stations.add(f.organisationId);
  }
  measures(): Measures {
    return {
      organisations_participating: this.social.size,
      stations_participating: this.stations.size,
      nursing_homes_visited: this.homes.size,
      households_visited: this.households.size,
      assistance_events: this.events.size,
      cash_fen: this.cash,
      goods_value_fen: this.goods,
      aid_total_fen: this.cash + this.goods,
      service_hours: this.centihours / 100,
      // Minutes to hours with two decimals, rounded once at the end (never per row).
      volunteer_hours: Math.round((this.minutes * 100) / 60) / 100,
      volunteers_serving: this.volunteers.size,
    };
  }
}

/**
 * Folds the facts into measures per group. Counts are distinct within each group (a household visited by two
 * organisations counts once in the county and once in each organisation); an organisation participates where it
 * has an event or a counted visit; money and service hours are sums of the lines; volunteer hours come from
 * confirmed shift time only.
 */
export function foldMeasures(g: GroupKey, facts: Facts): Map<string, Measures> {
  const tallies = new Map<string, Tally>();
  const at = (f: Filed) => {
    const k = keyOf(g, f);
    let t = tallies.get(k);
    if (!t) {
      t = new Tally();
      tallies.set(k, t);
    }
    return t;
  };
  for (const e of facts.events) {
    const t = at(e);
    t.events.add(e.event);
    t.participant(e);
  }
  for (const r of facts.reach) {
    const t = at(r);
    (r.target === 'household' ? t.households : t.homes).add(r.id);
    t.participant(r);
  }
  for (const l of facts.lines) {
    const t = at(l);
    if (l.kind === 'cash') t.cash += l.amountFen;
    if (l.kind === 'goods') t.goods += l.amountFen;
    t.centihours += l.centihours;
  }
  for (const h of facts.hours) {
    const t = at(h);
    t.minutes += h.minutes;
    if (h.minutes > 0) t.volunteers.add(h.volunteerId);
  }
  return new Map([...tallies].map(([k, t]) => [k, t.measures()]));
}

export interface SourceRow {
  source: FundingSource | 'unspecified';
  cash_fen: number;
  goods_value_fen: number;
  aid_total_fen: number;
  service_hours: number;
}

/** The money and service hours by funding source (资金来源), every source present in the lines, in a fixed order. */
export function bySource(lines: SourceFact[], order: readonly string[]): SourceRow[] {
  const rows = new Map<string, SourceRow>();
  for (const l of lines) {
    let r = rows.get(l.source);
    if (!r) {
      r = { source: l.source, cash_fen: 0, goods_value_fen: 0, aid_total_fen: 0, service_hours: 0 };
      rows.set(l.source, r);
    }
    if (l.kind === 'cash') r.cash_fen += l.amountFen;
    if (l.kind === 'goods') r.goods_value_fen += l.amountFen;
    r.aid_total_fen = r.cash_fen + r.goods_value_fen;
    r.service_hours = Math.round(r.service_hours * 100 + l.centihours) / 100;
  }
  return [...rows.values()]
    .filter((r) => r.aid_total_fen !== 0 || r.service_hours !== 0)
    .sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}
