import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { hotSelect, rowAsRead } from '../../src/db/hot-select.js';
import * as s from '../../src/db/schema/index.js';
import type { Db } from '../../src/db/types.js';
import { hotQueries, shiftRowKey, UPCOMING_PAGE } from '../../src/modules/shifts/queries.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

// The volunteers' hottest reads skip drizzle's row mapping on a file database (decision 0245): the objects they give
// must be exactly drizzle's, for every kind of field — columns of each mode, `sql` expressions, nested objects, a
// left join that found nothing, placeholders — and the fallback on any other driver must be drizzle itself.

let t: TestApp;
afterEach(() => t?.database.close());

async function world() {
  t = await createTestApp();
  const f = await registryFixture(t);
  const db = t.database.db as unknown as Db;
  const a = await addShift(t, f, { title: '上午入户走访', requiredSkills: ['驾驶', '护理'], capacity: 2 });
  const b = await addShift(t, f, {
    title: '集中走访',
    date: '2026-11-26',
    townshipId: f.y.id,
    organisationId: f.orgB.id,
  });
  await db.update(s.shifts).set({ description: '带好记录表', place: null }).where(eq(s.shifts.id, b.id));
  const v = await addVolunteer(t, { townshipId: f.x.id, login: true, skills: ['驾驶', '护理'] });
  await db.insert(s.shiftSignups).values({
    shiftId: a.id,
    volunteerId: v.id,
    status: 'confirmed',
    position: 1,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  return { db, f, a, b, v };
}

/** A select exercising every kind of field, with `volunteerId` a placeholder. */
function probe(db: Db) {
  const selection = {
    id: s.shifts.id,
    startsAt: s.shifts.startsAt,
    skills: s.shifts.requiredSkills,
    edited: s.shifts.edited,
    place: s.shifts.place,
    serviceDay: sql<number>`${s.shifts.serviceDayId} is not null`,
    owner: { name: s.organisations.name, kind: s.organisations.kind },
    signup: { status: s.shiftSignups.status, createdAt: s.shiftSignups.createdAt },
    mine: sql<string | null>`(select m.status from shift_signups m where m.shift_id = ${s.shifts.id}
      and m.volunteer_id = ${sql.placeholder('volunteerId')})`,
  };
  return {
    selection,
    query: db
      .select(selection)
      .from(s.shifts)
      .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
      .leftJoin(
        s.shiftSignups,
        sql`${s.shiftSignups.shiftId} = ${s.shifts.id} and ${s.shiftSignups.volunteerId} = ${sql.placeholder('volunteerId')}`,
      )
      .orderBy(asc(s.shifts.id)),
  };
}

describe('hot selects', () => {
  it('give exactly the objects drizzle gives, for every kind of field, on a file database', async () => {
    const { db, a, v } = await world();
    const { selection, query } = probe(db);
    const hot = await hotSelect(db, selection, query).all({ volunteerId: v.id });
    const drizzle = await query.prepare().all({ volunteerId: v.id });
    expect(hot).toEqual(drizzle);
    expect(hot).toHaveLength(2);
    // Decoded as drizzle decodes: a Date, a parsed JSON array, a boolean; a left join that found nothing is null.
    const first = hot.find((r) => r.id === a.id)!;
    expect(first.startsAt).toBeInstanceOf(Date);
    expect(first.skills).toEqual(['驾驶', '护理']);
    expect(first.edited).toBe(false);
    expect(first.signup).toEqual({ status: 'confirmed', createdAt: t.clock.now() });
    expect(hot.find((r) => r.id !== a.id)!.signup).toBeNull();
    // Another volunteer through the same prepared statement: their own placeholders, nothing kept from before.
    const other = await hotSelect(db, selection, query).all({ volunteerId: v.id + 1000 });
    expect(other.map((r) => r.mine)).toEqual([null, null]);
  });

  it("read the volunteers' list, their record and one card as drizzle does", async () => {
    const { db, a, v } = await world();
    const q = hotQueries(db);
    const args = { userId: v.userId!, from: '2026-11-01', date: '', skill: '' };
    const rows = await q.upcoming.all({ ...args, skip: 0, reach: UPCOMING_PAGE + 1 });
    expect(rows.map((r) => r.id)).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: a.id, mine: 'confirmed', linked: 1, requiredSkills: ['驾驶', '护理'] });
    expect(rows[1]).toMatchObject({ description: '带好记录表', place: null, mine: null });
    expect(rows.length).toBeLessThanOrEqual(UPCOMING_PAGE);
    expect(await q.volunteerOfUser.all(args)).toEqual([
      { id: v.id, name: '志愿者', townshipId: expect.any(Number), skills: ['驾驶', '护理'] },
    ]);
    const [card] = await q.shiftForVolunteer.all({ shiftId: a.id, volunteerId: v.id });
    const { linked: _, ...listed } = rows[0];
    expect(card).toEqual(listed);
  });

  it('keep the values as read beside each row, out of its fields and of any copy', async () => {
    const { db, v } = await world();
    const list = { userId: v.userId!, from: '2026-11-01', date: '', skill: '', skip: 0, reach: 2 };
    const [row] = await hotQueries(db).upcoming.all(list);
    const asRead = rowAsRead(row)!;
    // Plain values in column order: the time in milliseconds, the skills as their JSON text.
    expect(asRead).toContain(row.startsAt.getTime());
    expect(asRead).toContain(JSON.stringify(['驾驶', '护理']));
    expect(Object.keys(row)).not.toContain(expect.stringMatching(/read/));
    expect(JSON.stringify(row)).not.toContain('[[');
    // A copy that changes a field cannot carry the old values: its key is made from the copy itself.
    const copy = { ...row, confirmed: row.confirmed + 1 };
    expect(rowAsRead(copy)).toBeUndefined();
    expect(shiftRowKey(copy)).toBe(JSON.stringify(copy));
    expect(shiftRowKey(copy)).not.toBe(shiftRowKey(row));
  });

  it("fall back to drizzle's own prepared query on a database without the statement cache", async () => {
    const memory = await openDatabase('file::memory:');
    try {
      const db = memory.db as unknown as Db;
      await db.run(sql`create table t (id integer primary key, at integer, tags text)`);
      await db.run(sql`insert into t values (1, 1700000000000, '["a"]')`);
      const { integer, sqliteTable, text } = await import('drizzle-orm/sqlite-core');
      const table = sqliteTable('t', {
        id: integer('id').primaryKey(),
        at: integer('at', { mode: 'timestamp_ms' }),
        tags: text('tags', { mode: 'json' }).$type<string[]>(),
      });
      const selection = { id: table.id, at: table.at, tags: table.tags };
      const rows = await hotSelect(db, selection, db.select(selection).from(table)).all();
      expect(rows).toEqual([{ id: 1, at: new Date(1700000000000), tags: ['a'] }]);
      expect(rowAsRead(rows[0])).toBeUndefined();
    } finally {
      memory.close();
    }
  });
});
