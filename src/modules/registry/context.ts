import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations, townships, villages } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';
import type { Translate } from '../../lib/i18n/index.js';
import { scope } from './policy.js';

/** One problem in one cell, already in the user's language. */
export interface RowError {
  row: number;
  column: string;
  reason: string;
}

/** An id that exists, or the sub-select of a township or village this same import creates first. */
export type IdRef = number | SQL;

/**
 * The names a file may mention, resolved once per import. Townships and villages a county admin's file names are
 * created with the import (as statements at the head of its batch); a station's file may only name its own.
 */
export class ImportContext {
  private townships = new Map<string, number>();
  private villages = new Map<string, number>();
  readonly organisations = new Map<string, { id: number; kind: string; townshipId: number | null }>();
  readonly newTownships = new Set<string>();
  readonly newVillages = new Map<string, { township: string; name: string }>();

  constructor(
    readonly viewer: Viewer,
    readonly t: Translate,
    readonly now: Date,
  ) {}

  static async load(db: Db, viewer: Viewer, t: Translate, now: Date): Promise<ImportContext> {
    const ctx = new ImportContext(viewer, t, now);
    for (const r of await db.select({ id: townships.id, name: townships.name }).from(townships))
      ctx.townships.set(r.name, r.id);
    for (const r of await db
      .select({ id: villages.id, townshipId: villages.townshipId, name: villages.name })
      .from(villages))
      ctx.villages.set(`${r.townshipId}|${r.name}`, r.id);
    for (const r of await db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        townshipId: organisations.townshipId,
      })
      .from(organisations))
      ctx.organisations.set(`${r.kind}|${r.name}`, r);
    return ctx;
  }

  get isAdmin() {
    return scope(this.viewer).kind === 'all';
  }

  /** The township of a name; an admin's unknown name becomes a township to create. */
  township(name: string): { ref: IdRef; id: number | null } | { error: string } {
    const id = this.townships.get(name);
    if (id !== undefined) {
      if (!this.isAdmin && id !== this.viewer.townshipId) return { error: this.t('registry.error.otherTownship') };
      return { ref: id, id };
    }
    if (!this.isAdmin) return { error: this.t('registry.error.unknownTownship', { name }) };
    this.newTownships.add(name);
    return { ref: sql`(SELECT id FROM townships WHERE name = ${name})`, id: null };
  }

  /** A village within a township (created with the import for an admin). */
  village(
    townshipName: string,
    townshipId: number | null,
    name: string,
  ): { ref: IdRef; id: number | null } | { error: string } {
    const id = townshipId === null ? undefined : this.villages.get(`${townshipId}|${name}`);
    if (id !== undefined) return { ref: id, id };
    if (!this.isAdmin) return { error: this.t('registry.error.unknownVillage', { name }) };
    this.newVillages.set(`${townshipName}|${name}`, { township: townshipName, name });
    return {
      ref: sql`(SELECT v.id FROM villages v JOIN townships t ON t.id = v.township_id WHERE t.name = ${townshipName} AND v.name = ${name})`,
      id: null,
    };
  }

  /** Inserts for the places this import creates; they go first in its batch. */
  placeStatements(db: Db) {
    const now = this.now.getTime();
    return [
      ...[...this.newTownships].map((name) =>
        db.run(sql`INSERT INTO townships (name, created_at) VALUES (${name}, ${now}) ON CONFLICT DO NOTHING`),
      ),
      ...[...this.newVillages.values()].map((v) =>
        db.run(sql`INSERT INTO villages (township_id, name, kind, created_at)
          SELECT id, ${v.name}, ${/(社区)$/.test(v.name) ? 'community' : /居委会$/.test(v.name) ? 'residents_committee' : 'village'}, ${now}
          FROM townships WHERE name = ${v.township} ON CONFLICT DO NOTHING`),
      ),
    ];
  }
}
