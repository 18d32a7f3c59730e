import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { townships } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/env.js';
import { translator } from '../../src/lib/i18n/index.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { Browser, type TestApp } from '../setup/app.js';
import { runCli } from '../setup/cli.js';
import { TEST_KEYS } from '../setup/keys.js';
import { mobileHash } from '../setup/mobiles.js';
import { TMP_DIR } from '../setup/paths.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI as an operator would (`npm run --silent cli -- …` runs `tsx src/cli.ts`), with the test data keys. */
async function cli(args: string[], dbUrl: string): Promise<Run> {
  const started = performance.now();
  const run = await runCli(args, { ...TEST_KEYS, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' }, '');
  return { ...run, ms: performance.now() - started };
}

interface Login {
  role: string;
  username: string;
  password: string;
}
/** Volunteers log in with their mobile (their username is not the number): the login found by its hash. */
const loginOfVolunteer = (mobile: string) =>
  sql`(select user_id from volunteers where mobile_hash = ${mobileHash(mobile)})`;
const loginsOf = (run: Run): Login[] => JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!).logins;

// A January clock, so "the past year" is the whole of 2026 and the coming service days are 24–25 January 2027.
const NOW = '2027-01-10T10:00:00+08:00';
const dbUrl = () => `file:${resolve(TMP_DIR, `demo-${randomUUID()}.db`)}`;

const t = translator('zh');
let url: string;
let run: Run;

let database: Database;
let app: TestApp;

/** One row of numbers from the seeded file, by SQL of the test's own. */
async function one(query: ReturnType<typeof sql>): Promise<Record<string, number>> {
  const [row] = await database.db.all<Record<string, number>>(query);
  return row;
}

beforeAll(async () => {
  url = dbUrl();
  run = await cli(['seed', '--demo', '--now', NOW], url);
  database = await openDatabase(url);
  const config = loadConfig({ ...TEST_KEYS, SETUP_TOKEN: 'demo-test-setup-token-0123' });
  const clock = { now: () => new Date(NOW) };
  const logger = memoryLogger();
  app = {
    app: createApp({
      db: database.db,
      now: clock.now,
      config,
      passwords: argon2Hasher,
      logger,
      cipher: cipherFor(config),
      clientIp: () => '192.0.2.7',
    }),
    database,
    dbPath: url.slice('file:'.length),
    clock: clock as TestApp['clock'],
    config,
    logger,
    ip: { value: '192.0.2.7' },
  };
}, 300_000);

afterAll(() => database?.close());

describe('seed --demo on a fresh database', () => {
  it('prints the logins once in a readable block and as one line of JSON, and says how long it took', () => {
    expect(run.code, run.stderr).toBe(0);
    const logins = loginsOf(run);
    expect(logins.map((l) => l.role)).toEqual([
      'station_staff',
      'org_coordinator',
      'volunteer',
      'volunteer',
      'care_member',
    ]);
    for (const l of logins) {
      expect(l.password).toMatch(/^[a-z2-7]{16}$/);
      // The readable block names each login with its password, above the JSON line.
      expect(
        run.stdout
          .split('\n')
          .some((line) => line.includes(l.username) && line.includes(l.password) && !line.startsWith('{')),
      ).toBe(true);
    }
    expect(new Set(logins.map((l) => l.password)).size).toBe(5);
    // No county admin yet: the CLI points to /setup (open until an administrator exists) and to the shell.
    expect(run.stderr).toContain('/setup');
    expect(run.stderr).toContain('user create --role county_admin');
    console.info(`seed --demo took ${(run.ms / 1000).toFixed(1)} s (wall clock, shared machine)`);
  });

  it('fills the registry with the article county', async () => {
    const r = await one(sql`select
      (select count(*) from townships) as townships,
      (select count(*) from villages where kind = 'village') as villages,
      (select count(*) from organisations where kind = 'social_org') as orgs,
      (select count(*) from organisations where kind = 'station') as stations,
      (select count(*) from organisations where kind = 'nursing_home') as homes,
      (select count(*) from recipients where support_mode = 'home') as home_recipients,
      (select count(*) from recipients where support_mode = 'institution') as institution_recipients`);
    expect(r).toEqual({
      townships: 17,
      villages: 320,
      orgs: 46,
      stations: 17,
      homes: 22,
      home_recipients: 5201,
      institution_recipients: 1040,
    });
    // Ten of the nursing homes are regional; ID numbers are stored encrypted and masked only (a valid area code).
    const p = await one(sql`select
      (select count(*) from organisations where kind = 'nursing_home' and regional = 1) as regional,
      (select count(*) from recipients where id_number_masked not glob '430321********[0-9][0-9][0-9][0-9X]'
        or id_number_enc glob '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*') as clear`);
    expect(p).toEqual({ regional: 10, clear: 0 });
  });

  it('lets each printed login log in over HTTP and land on its role’s home', async () => {
    const logins = loginsOf(run);
    const homes: Record<string, { menu: string; not: string }> = {
      station_staff: { menu: 'href="/visits/overdue"', not: 'href="/admin/users"' },
      org_coordinator: { menu: 'href="/activities"', not: 'href="/recipients"' },
      volunteer: { menu: 'href="/shifts/mine"', not: 'href="/activities"' },
      care_member: { menu: 'href="/care"', not: 'href="/recipients"' },
    };
    for (const l of logins) {
      const browser = new Browser(app);
      const res = await browser.post('/login', { username: l.username, password: l.password });
      expect(res.status, `${l.role} ${l.username}`).toBe(303);
      expect(res.headers.get('location')).toBe('/');
      const home = await browser.get('/');
      expect(home.status).toBe(200);
      const html = await home.text();
      const [user] = await database.db.all<{ display_name: string }>(
        sql`select display_name from users where username = ${l.username} or id = ${loginOfVolunteer(l.username)}`,
      );
      expect(html).toContain(`${user.display_name} · ${t(`role.${l.role}` as Parameters<typeof t>[0])}`);
      expect(html).toContain(homes[l.role].menu);
      expect(html).not.toContain(homes[l.role].not);
    }
    // A wrong password is refused: the logins are real, not open doors.
    const res = await new Browser(app).post('/login', { username: logins[0].username, password: 'not-the-password' });
    expect(res.status).toBe(422);
  });

  it('links the volunteer logins to approved volunteer records with a year of confirmed hours', async () => {
    for (const l of loginsOf(run).filter((x) => x.role === 'volunteer')) {
      const v = await one(sql`select v.status = 'active' as active,
          (select count(*) from shift_signups s where s.volunteer_id = v.id and s.confirmed_minutes > 0) as served
        from volunteers v join users u on u.id = v.user_id where v.mobile_hash = ${mobileHash(l.username)}`);
      expect(v.active).toBe(1);
      expect(v.served).toBeGreaterThanOrEqual(6);
    }
  });

  it('has the coming service days’ shifts for every station and six organisations at once, the demo volunteers on the first', async () => {
    const r = await one(sql`select
      sum(o.kind = 'station') as stationShifts, count(distinct case when o.kind = 'station' then o.id end) as stations,
      sum(o.kind = 'social_org') as organisationShifts, count(distinct case when o.kind = 'social_org' then o.id end) as organisations
      from shifts x join organisations o on o.id = x.organisation_id
      where x.date in ('2027-01-24', '2027-01-25') and x.status = 'open'`);
    // Two station shifts a day in each of 17 townships; six organisations keep an afternoon template of their own.
    expect(r).toEqual({ stationShifts: 17 * 2 * 2, stations: 17, organisationShifts: 6 * 2, organisations: 6 });
    const [volunteer] = loginsOf(run).filter((l) => l.role === 'volunteer');
    const browser = new Browser(app);
    await browser.post('/login', { username: volunteer.username, password: volunteer.password });
    const mine = await (await browser.get('/shifts/mine')).text();
    expect(mine).toContain('2027-01-24');
  });

  it('has a past year of rosters, confirmed hours, published plans, visits and worked needs', async () => {
    const r = await one(sql`select
      (select count(distinct shift_id) from shift_signups s join shifts x on x.id = s.shift_id
        where x.date like '2026-%' and s.confirmed_minutes > 0) as staffed,
      (select count(*) from visit_plans p join shifts x on x.id = p.shift_id
        where x.date like '2026-%' and p.status = 'published') as published,
      (select count(*) from visits where visited_on like '2026-%') as visits,
      (select count(*) from needs where status = 'resolved') as resolved,
      (select count(*) from outbox where status = 'pending' and created_at < ${new Date('2027-01-01').getTime()}) as stale`);
    expect(r.staffed).toBeGreaterThan(700);
    expect(r.published).toBe(17 * 12);
    expect(r.visits).toBeGreaterThan(2000);
    expect(r.resolved).toBeGreaterThan(100);
    // Last year's notices went out last year: a server started on the demo does not send a year of SMS.
    expect(r.stale).toBe(0);
  });

  it('reads like the seed article in the past year’s annual summary, counted here by SQL and shown on the page', async () => {
    const year = sql`occurred_on >= '2026-01-01' and occurred_on < '2027-01-01'`;
    // The summary's definitions (docs/annual-summary.md), counted here straight from the tables: activities not
    // voided, and counted visits (已走访 by a volunteer or station worker) to home-supported households; a visit's
    // body is the organisation of the published plan's shift that had the household that day.
    const live = sql`select * from activities where ${year} and id not in (select activity_id from activity_voids)`;
    const counted = sql`select v.recipient_id, x.id as shift_id, x.organisation_id
      from visits v join recipients r on r.id = v.recipient_id and r.support_mode = 'home'
      join plan_assignments pa on pa.recipient_id = v.recipient_id and pa.published = 1
      join visit_plans p on p.id = pa.plan_id join shifts x on x.id = p.shift_id and x.date = v.visited_on
      where v.outcome = 'visited' and v.visitor_kind in ('volunteer', 'station_worker')
        and v.visited_on >= '2026-01-01' and v.visited_on < '2027-01-01'`;
    const c = await one(sql`select
      (select count(distinct organisation_id) from (${live}) where organisation_kind = 'social_org') as orgs,
      (select count(distinct organisation_id) from (${live}) where organisation_kind = 'station') as stations,
      (select count(distinct nursing_home_id) from activity_targets where ${year}
        and activity_id in (select id from (${live}))) as homes,
      (select count(*) from (select recipient_id from activity_targets where recipient_id is not null
        and activity_id in (select id from (${live})) union select recipient_id from (${counted}))) as households,
      (select count(*) from (${live}) where shift_id is null)
        + (select count(*) from (select organisation_id, shift_id from (${live}) where shift_id is not null
          union select organisation_id, shift_id from (${counted}))) as events,
      (select sum(amount_fen) from ledger_lines where ${year} and kind in ('cash', 'goods')
        and activity_id in (select id from (${live}))) as aid_fen`);
    // The article: 46 organisations, 17 stations, 22 nursing homes, 1,189 households, 360-odd events, 866.7万元.
    expect(c.orgs).toBeGreaterThanOrEqual(30);
    expect(c.orgs).toBeLessThanOrEqual(60);
    expect(c.stations).toBe(17);
    expect(c.homes).toBeGreaterThanOrEqual(18);
    expect(c.homes).toBeLessThanOrEqual(22);
    // Households and events follow the summary's definitions, which count service-day visits as well as aid
    // activities; the demo's plans follow the coverage rule (every household once a quarter), so they reach more
    // households than the article's 1,189 (named on activities): "1,000+ households, hundreds of events", at most
    // the home-supported register.
    const { home } = await one(sql`select count(*) as home from recipients where support_mode = 'home'`);
    expect(c.households).toBeGreaterThanOrEqual(1000);
    expect(c.households).toBeLessThanOrEqual(Number(home));
    expect(c.events).toBeGreaterThanOrEqual(300);
    expect(c.events).toBeLessThanOrEqual(999);
    expect(c.aid_fen).toBeGreaterThanOrEqual(500_0000_00);
    expect(c.aid_fen).toBeLessThanOrEqual(1200_0000_00);

    const created = await createUser(
      { db: database.db, passwords: argon2Hasher },
      { username: 'county', displayName: '县民政局', password: 'a long enough secret', role: 'county_admin' },
      new Date(NOW),
    );
    expect(created.ok).toBe(true);
    const admin = new Browser(app);
    await admin.post('/login', { username: 'county', password: 'a long enough secret' });
    const page = await admin.get('/reports/aid?year=2026');
    expect(page.status).toBe(200);
    const html = await page.text();
    const sentence =
      /(\d+)家社会组织和(\d+)个乡镇社工站走访慰问(\d+)家敬老院和(\d+)户分散供养特困人员，年帮扶(\d+)次，帮扶资金物资共计([\d.]+)万元/.exec(
        html,
      );
    expect(sentence).not.toBeNull();
    const [, orgs, stations, homes, households, events, wan] = sentence!;
    expect({ orgs, stations, homes, households, events }).toEqual({
      orgs: String(c.orgs),
      stations: String(c.stations),
      homes: String(c.homes),
      households: String(c.households),
      events: String(c.events),
    });
    expect(Number(wan)).toBeCloseTo(c.aid_fen / 1_000_000, 1);
  });

  it('has 守望之家 in every village with four members, and a month of care visits the compliance page counts', async () => {
    const u = await one(sql`select
      (select count(*) from organisations where kind = 'care_unit') as units,
      (select count(*) from villages where kind = 'village') as villages,
      (select count(*) from care_unit_members) as members,
      (select count(distinct member_role) from care_unit_members) as roles,
      (select count(*) from care_unit_households) as assigned,
      (select count(*) from visits where organisation_id in (select id from organisations where kind = 'care_unit')) as care`);
    expect(u.units).toBe(u.villages);
    expect(u.members).toBe(4 * u.units);
    expect(u.roles).toBe(4);
    expect(u.assigned).toBeGreaterThan(0);
    expect(u.care).toBeGreaterThan(20_000);
    // The demo member's day: their unit's households, reached after logging in.
    const member = loginsOf(run).find((l) => l.role === 'care_member')!;
    const phone = new Browser(app);
    expect((await phone.post('/login', { username: member.username, password: member.password })).status).toBe(303);
    expect((await phone.get('/care')).status).toBe(200);

    // The station's compliance page for its township this month (1–9 January judged) against the test's own count
    // from the seeded rows: each household's required visits (judged days ÷ its cadence), the days seen (at most
    // the required), and whether no run of unvisited days reached its cadence.
    const station = loginsOf(run).find((l) => l.role === 'station_staff')!;
    const browser = new Browser(app);
    await browser.post('/login', { username: station.username, password: station.password });
    const [{ id: township }] = await database.db.all<{ id: number }>(sql`select min(id) as id from townships`);
    const people = await database.db.all<{ id: number; interval: number; unit: number | null; days: string | null }>(
      sql`select r.id, c.interval_days as interval,
          coalesce((select h.unit_id from care_unit_households h where h.recipient_id = r.id),
                   (select min(cv.unit_id) from care_unit_villages cv where cv.village_id = r.village_id)) as unit,
          (select group_concat(d, ',') from (select distinct v.visited_on as d from visits v where v.recipient_id = r.id
             and v.outcome = 'visited' and v.visited_on between '2027-01-01' and '2027-01-09')) as days
        from recipients r join cadence_rules c on c.care_level = r.care_level
        where r.township_id = ${township} and r.status = 'active' and r.support_mode = 'home'
          and not exists (select 1 from station_tasks st where st.recipient_id = r.id and st.status = 'open')`,
    );
    const figures = (rows: typeof people) => {
      let required = 0;
      let made = 0;
      let kept = 0;
      for (const p of rows) {
        const seen = new Set(
          (p.days ?? '')
            .split(',')
            .filter(Boolean)
            .map((d) => Number(d.slice(8))),
        );
        const need = Math.floor(9 / p.interval);
        required += need;
        made += Math.min(need, seen.size);
        let run = 0;
        let longest = 0;
        for (let day = 1; day <= 9; day++) {
          run = seen.has(day) ? 0 : run + 1;
          longest = Math.max(longest, run);
        }
        if (longest < p.interval) kept++;
      }
      const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
      return [rows.length, required, made, pct(made, required), kept, pct(kept, rows.length)]
        .map((c) => `<td>${c}</td>`)
        .join('');
    };
    const html = await (await browser.get(`/visits/compliance?township=${township}`)).text();
    expect(html).toContain('2027-01-01 至 2027-01-09');
    const townshipRow = new RegExp(`<tr data-township="${township}">[\\s\\S]*?</tr>`).exec(html)![0];
    expect(townshipRow).toContain(figures(people));
    // Believable, not perfect: somewhere between half and all of the required visits made.
    const rate = Number(/<td>([\d.]+)%<\/td>/.exec(townshipRow)![1]);
    expect(rate).toBeGreaterThan(50);
    expect(rate).toBeLessThan(100);
    // Per 守望之家 too: every unit of the township has its row, with the test's own figures.
    const units = [...new Set(people.map((p) => p.unit))].filter((x): x is number => x !== null);
    expect(units.length).toBeGreaterThan(5);
    for (const unit of units) {
      const unitRow = new RegExp(`<tr data-unit="${unit}">[\\s\\S]*?</tr>`).exec(html)![0];
      expect(unitRow).toContain(figures(people.filter((p) => p.unit === unit)));
    }
  });

  it('refuses a second run on the same database and changes nothing', async () => {
    const count = () =>
      one(sql`select (select count(*) from townships) as t, (select count(*) from users) as u,
        (select count(*) from activities) as a, (select count(*) from shifts) as s`);
    const before = await count();
    const again = await cli(['seed', '--demo', '--now', NOW], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
    expect(again.stdout).toBe('');
    expect(await count()).toEqual(before);
  }, 60_000);
});

describe('seed --demo on two more databases', () => {
  it('draws the same county for the same --seed, with other random passwords each time', async () => {
    // A month of history at a tenth of the county: the same code paths, a fraction of the time.
    const args = ['seed', '--demo', '--now', NOW, '--months', '1', '--scale', '0.1', '--seed', '7'];
    const [a, b] = [dbUrl(), dbUrl()];
    const first = await cli(args, a);
    const second = await cli(args, b);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const [la, lb] = [loginsOf(first), loginsOf(second)];
    expect(la.map((l) => l.role)).toEqual([
      'station_staff',
      'org_coordinator',
      'volunteer',
      'volunteer',
      'care_member',
    ]);
    expect(la.map((l) => l.username)).toEqual(lb.map((l) => l.username));
    for (const [i, l] of la.entries()) {
      expect(l.password).not.toBe(lb[i].password);
      expect(l.password).not.toBe(loginsOf(run)[i].password);
    }
    const digest = async (u: string) => {
      const d = await openDatabase(u);
      const [row] = await d.db.all<Record<string, unknown>>(sql`select
        (select group_concat(occurred_on || ':' || organisation_id, ',') from activities) as activities,
        (select sum(amount_fen) from ledger_lines) as fen,
        (select group_concat(shift_id || ':' || volunteer_id || ':' || confirmed_minutes, ',') from shift_signups) as rosters,
        (select group_concat(recipient_id || ':' || visited_on || ':' || outcome, ',') from visits) as visits`);
      d.close();
      return row;
    };
    const [da, db] = [await digest(a), await digest(b)];
    expect(String(da.visits).split(',').length).toBeGreaterThan(20);
    expect(da).toEqual(db);
  }, 180_000);

  it('refuses a malformed --months and changes nothing', async () => {
    const u = dbUrl();
    const bad = await cli(['seed', '--demo', '--months', '0'], u);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--months must be a whole number of months from 1 to 24');
    const d = await openDatabase(u);
    expect(await d.db.$count(townships)).toBe(0);
    d.close();
  });
});
