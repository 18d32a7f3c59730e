/** The annual summary's measures (docs/decisions/0062): counts are distinct per group, money in fen, net of reversals. */
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
}

/** One row of activities grouped by (month, organisation, township): organisation is in the key, so distinct organisations compose. */
export interface ActivityCell {
  month: string;
  organisationId: number;
  organisationKind: string;
  townshipId: number | null;
  events: number;
}

/** One row of ledger sums grouped by (month, organisation, township). */
export interface LineCell {
  month: string;
  organisationId: number;
  townshipId: number | null;
  cashFen: number;
  goodsFen: number;
  centihours: number;
}

export interface TargetCount {
  households: number;
  nursingHomes: number;
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
  };
}

const keyOf = (g: GroupKey, c: { month: string; organisationId: number; townshipId: number | null }) =>
  g === 'all'
    ? 'all'
    : g === 'month'
      ? c.month
      : g === 'organisation'
        ? String(c.organisationId)
        : String(c.townshipId ?? '');

/**
 * Folds the grouped cells into measures per group key. Target counts come separately, already distinct per
 * group (households visited by two organisations count once in the county and once in each organisation).
 */
export function foldMeasures(
  g: GroupKey,
  acts: ActivityCell[],
  lines: LineCell[],
  targets: Map<string, TargetCount>,
): Map<string, Measures> {
  const out = new Map<string, Measures>();
  const orgs = new Map<string, { social: Set<number>; stations: Set<number>; centihours: number }>();
  const get = (k: string) => {
    let m = out.get(k);
    if (!m) {
      m = emptyMeasures();
      out.set(k, m);
      orgs.set(k, { social: new Set(), stations: new Set(), centihours: 0 });
    }
    return m;
  };
  for (const a of acts) {
    const k = keyOf(g, a);
    const m = get(k);
    m.assistance_events += a.events;
    const o = orgs.get(k)!;
    if (a.events === 0) continue;
    if (a.organisationKind === 'social_org') o.social.add(a.organisationId);
    if (a.organisationKind === 'station') o.stations.add(a.organisationId);
  }
  for (const l of lines) {
    const k = keyOf(g, l);
    const m = get(k);
    m.cash_fen += l.cashFen;
    m.goods_value_fen += l.goodsFen;
    orgs.get(k)!.centihours += l.centihours;
  }
  for (const [k, tc] of targets) {
    const m = get(k);
    m.households_visited = tc.households;
    m.nursing_homes_visited = tc.nursingHomes;
  }
  for (const [k, m] of out) {
    const o = orgs.get(k)!;
    m.organisations_participating = o.social.size;
    m.stations_participating = o.stations.size;
    m.aid_total_fen = m.cash_fen + m.goods_value_fen;
    m.service_hours = o.centihours / 100;
  }
  return out;
}
