/** A household to order on a volunteer's list. */
export interface Stop {
  recipientId: number;
  village: string | null;
  lat?: number | null;
  lng?: number | null;
  /** Higher goes first among stops in one place. */
  priority: number;
}

function km(a: Stop, b: Stop): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat! - a.lat!) * rad;
  const dLng = (b.lng! - a.lng!) * rad * Math.cos(((a.lat! + b.lat!) / 2) * rad);
  return 6371 * Math.sqrt(dLat * dLat + dLng * dLng);
}

/**
 * Visiting order for one volunteer: households of one village together, the most urgent village first, then
 * the nearest next village when coordinates are known (else the village name). A volunteer's list is at most a
 * handful of stops, so nearest-neighbour is as good as exact here and easy to follow on paper.
 */
export function visitingOrder<S extends Stop>(stops: readonly S[]): S[] {
  const byVillage = new Map<string, S[]>();
  for (const s of stops) {
    const key = s.village ?? '';
    byVillage.set(key, [...(byVillage.get(key) ?? []), s]);
  }
  const groups = [...byVillage.values()].map((g) =>
    [...g].sort((a, b) => b.priority - a.priority || a.recipientId - b.recipientId),
  );
  groups.sort((a, b) => b[0].priority - a[0].priority || (a[0].village ?? '').localeCompare(b[0].village ?? '', 'zh'));
  const ordered: S[][] = [];
  let rest = groups;
  while (rest.length) {
    const here = ordered.at(-1)?.[0];
    let pick = 0;
    if (here && here.lat != null && here.lng != null) {
      let best = Infinity;
      rest.forEach((g, i) => {
        const d = g[0].lat != null && g[0].lng != null ? km(here, g[0]) : Infinity;
        if (d < best) [best, pick] = [d, i];
      });
    }
    ordered.push(rest[pick]);
    rest = rest.filter((_, i) => i !== pick);
  }
  return ordered.flat();
}
