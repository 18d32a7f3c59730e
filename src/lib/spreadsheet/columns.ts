/** A column of an import/export format: its field name, its Chinese header and its English alias. */
export interface Column<F extends string = string> {
  field: F;
  zh: string;
  en: string;
  required?: boolean;
}

export type ColumnMap<F extends string> = { index: Partial<Record<F, number>>; missing: Column<F>[] };

const normalise = (h: string) => h.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

/** Finds each column by its Chinese or English header, in any order; unknown headers are ignored. */
export function mapColumns<F extends string>(headers: string[], columns: readonly Column<F>[]): ColumnMap<F> {
  const positions = new Map(headers.map((h, i) => [normalise(h), i] as const));
  const index: Partial<Record<F, number>> = {};
  const missing: Column<F>[] = [];
  for (const col of columns) {
    const at = positions.get(normalise(col.zh)) ?? positions.get(normalise(col.en));
    if (at !== undefined) index[col.field] = at;
    else if (col.required) missing.push(col);
  }
  return { index, missing };
}

/** A data row as field → text ('' for absent columns). */
export function rowValues<F extends string>(
  cells: string[],
  map: ColumnMap<F>,
  columns: readonly Column<F>[],
): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const col of columns) {
    const at = map.index[col.field];
    out[col.field] = at === undefined ? '' : (cells[at] ?? '').trim();
  }
  return out;
}

/** The Chinese header of a format's field, as row errors name the column. */
export function headerIn<C extends readonly Column[]>(columns: C): (field: C[number]['field']) => string {
  return (field) => columns.find((c) => c.field === field)!.zh;
}
