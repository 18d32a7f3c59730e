import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

/** The township table as the admin reads it: name → [villages, recipients]. */
async function tableOnPage() {
  const html = parse(await (await as.admin.get('/places')).text());
  const rows = html.querySelectorAll('table tbody tr').map((tr) => tr.querySelectorAll('td'));
  return new Map(
    rows.map((td) => [td[0].text.trim(), [Number(td[1].querySelector('summary')!.text), Number(td[2].text)]]),
  );
}

describe('/places', () => {
  it("shows each township's own number of villages and active recipients, counted independently", async () => {
    const db = t.database.db;
    const now = t.clock.now();
    // Uneven on purpose: a township with many villages, one with none, and an exited recipient that must not count.
    const [z] = await db.insert(s.townships).values({ name: '易俗河镇', createdAt: now }).returning();
    await db.insert(s.townships).values({ name: '空白乡', createdAt: now });
    await db
      .insert(s.villages)
      .values(Array.from({ length: 7 }, (_, i) => ({ townshipId: z.id, name: `易俗河${i + 1}村`, createdAt: now })));
    await db.update(s.recipients).set({ status: 'exited' }).where(eq(s.recipients.id, f.ry.id));

    const expected = new Map<string, [number, number]>();
    for (const tw of await db.select().from(s.townships).all()) {
      const villages = (await db.select().from(s.villages).all()).filter((v) => v.townshipId === tw.id).length;
      const recipients = (await db.select().from(s.recipients).all()).filter(
        (r) => r.townshipId === tw.id && r.status === 'active',
      ).length;
      expected.set(tw.name, [villages, recipients]);
    }
    expect(expected.get('易俗河镇')).toEqual([7, 0]);
    expect(expected.get('空白乡')).toEqual([0, 0]);
    expect(expected.get(f.x.name)).toEqual([2, 1]);
    expect(expected.get(f.y.name)).toEqual([2, 0]);
    expect(await tableOnPage()).toEqual(expected);
  });
});
