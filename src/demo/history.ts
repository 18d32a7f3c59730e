import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as s from '../db/schema/index.js';
import { addDays, daysBetween, monthBounds, shanghaiInstant } from '../domain/dates.js';
import { workClock } from '../domain/matching/index.js';
import type { NEED_CATEGORIES, VisitOutcome } from '../domain/vocabulary.js';
import type { Config } from '../env.js';
import { deliverOutboxJob } from '../jobs/deliver-outbox.js';
import { serviceDaysJob } from '../jobs/service-days.js';
import type { Logger } from '../lib/logger.js';
import { township } from '../lib/scope.js';
import { publish } from '../modules/plans/publish.js';
import { findPlan } from '../modules/plans/queries.js';
import { replan } from '../modules/plans/replan.js';
import { confirmHours, signUpVolunteer } from '../modules/shifts/service.js';
import { assignNeed, recordVisit, resolveNeed } from '../modules/visits/service.js';
import type { Rng } from './generate.js';

/** The first day of each of the `months` whole months before the month holding `today`, oldest first. */
export function pastMonths(today: string, months: number): string[] {
  const out: string[] = [];
  let first = monthBounds(today).first;
  for (let i = 0; i < months; i++) {
    first = monthBounds(addDays(first, -1)).first;
    out.unshift(first);
  }
  return out;
}

export interface HistoryDeps {
  db: Db;
  config: Config;
  logger: Logger;
  r: Rng;
  stationUserOf: Map<number, number>;
}

export interface DemoShift {
  id: number;
  serviceDayId: number | null;
  organisationId: number;
  townshipId: number;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  workKind: s.WorkKind;
}

/** Runs the service-days job as the nightly cron would have at `now`: the app's own scheduler. */
export async function runServiceDays(deps: Pick<HistoryDeps, 'db' | 'config' | 'logger'>, now: Date) {
  return serviceDaysJob.run({ ...deps, now });
}

/** The station shifts of the given dates, township by township, morning first. */
export async function shiftsOn(db: Db, dates: string[]): Promise<DemoShift[]> {
  const rows = await db
    .select({
      id: s.shifts.id,
      serviceDayId: s.shifts.serviceDayId,
      organisationId: s.shifts.organisationId,
      townshipId: s.shifts.townshipId,
      title: s.shifts.title,
      date: s.shifts.date,
      startTime: s.shifts.startTime,
      endTime: s.shifts.endTime,
      workKind: s.shifts.workKind,
    })
    .from(s.shifts)
    .where(and(inArray(s.shifts.date, dates), eq(s.shifts.status, 'open')))
    .orderBy(asc(s.shifts.date), asc(s.shifts.townshipId), asc(s.shifts.startTime));
  return rows.filter((x): x is DemoShift => x.townshipId !== null);
}

/** Active volunteers per township, with their skills: who the rosters are drawn from. */
export async function volunteersByTownship(db: Db) {
  const rows = await db
    .select({ id: s.volunteers.id, townshipId: s.volunteers.townshipId, skills: s.volunteers.skills })
    .from(s.volunteers)
    .where(eq(s.volunteers.status, 'active'))
    .orderBy(asc(s.volunteers.id));
  const out = new Map<number, { id: number; skills: string[] }[]>();
  for (const v of rows) {
    if (v.townshipId === null) continue;
    out.set(v.townshipId, [...(out.get(v.townshipId) ?? []), { id: v.id, skills: v.skills }]);
  }
  return out;
}

function sample<T>(r: Rng, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r.next() * pool.length), 1)[0]);
  return out;
}

const minutesOf = (shift: DemoShift) =>
  (Number(shift.endTime.slice(0, 2)) - Number(shift.startTime.slice(0, 2))) * 60 +
  Number(shift.endTime.slice(3)) -
  Number(shift.startTime.slice(3));

/**
 * A shift's roster as it happened: volunteers of the township signed up three evenings before, then the station
 * marked attendance and confirmed the minutes after the shift. Answers the confirmed minutes per volunteer.
 */
export async function staffShift(
  deps: HistoryDeps,
  shift: DemoShift,
  pool: { id: number; skills: string[] }[],
  extra: { id: number; skills: string[] }[] = [],
): Promise<Map<number, number>> {
  const { db, r } = deps;
  const picked = [...extra, ...sample(r, pool, r.int(3, 6)).filter((v) => !extra.some((e) => e.id === v.id))];
  const signedAt = shanghaiInstant(addDays(shift.date, -3), '20:00');
  const confirmed: number[] = [];
  for (const v of picked) {
    const result = await signUpVolunteer({ db, shiftId: shift.id, volunteer: v, allowWaitlist: false, now: signedAt });
    if (result.ok && result.outcome === 'confirmed') confirmed.push(v.id);
  }
  const minutes = new Map<number, number>();
  const after = shanghaiInstant(shift.date, '18:30');
  const stationUser = deps.stationUserOf.get(shift.townshipId)!;
  for (const id of confirmed) {
    const attended = r.chance(0.94);
    const served = attended ? minutesOf(shift) - (r.chance(0.2) ? 30 : 0) : 0;
    if (
      await confirmHours({
        db,
        shiftId: shift.id,
        volunteerId: id,
        attended,
        minutes: served,
        byUserId: stationUser,
        now: after,
      })
    )
      minutes.set(id, served);
  }
  return minutes;
}

/** Plans the households of a shift the evening before and publishes the plan, as the station would. */
export async function planAndPublish(
  deps: HistoryDeps,
  shift: DemoShift,
  at = shanghaiInstant(addDays(shift.date, -1), '17:00'),
) {
  const { db } = deps;
  const planShift = {
    id: shift.id,
    date: shift.date,
    townshipId: shift.townshipId,
    title: shift.title,
    startTime: shift.startTime,
  };
  // A work clock, not the wall clock: the same --seed plans the same households on any machine (decision 0053).
  await replan(db, planShift, at, { timeLimitMs: 400, clock: workClock() });
  const plan = await findPlan(db, shift.id);
  if (!plan) return [];
  await publish(db, planShift, plan, deps.stationUserOf.get(shift.townshipId)!, at);
  return db
    .select({ volunteerId: s.planAssignments.volunteerId, recipientId: s.planAssignments.recipientId })
    .from(s.planAssignments)
    .where(and(eq(s.planAssignments.planId, plan.id), eq(s.planAssignments.published, true)))
    .orderBy(asc(s.planAssignments.volunteerId), asc(s.planAssignments.position));
}

type NeedCategory = (typeof NEED_CATEGORIES)[number];
const NEEDS: Record<NeedCategory, readonly string[]> = {
  health: ['腿脚疼痛加重，需要陪同就医', '常用降压药快吃完了', '视力下降，希望配老花镜'],
  food: ['家中粮油不足', '行动不便，希望送餐'],
  housing: ['屋顶漏雨，需要修缮', '冬季取暖设施不足', '厕所无扶手，夜间易摔倒'],
  safety: ['电线老化，存在用电隐患', '煤气灶阀门松动'],
  loneliness: ['独居，希望有人常来聊天', '子女外出，情绪低落'],
  money: ['医疗费用负担较重', '照料护理补贴未按时到账'],
  other: ['需要代办残疾证年审', '希望帮忙联系村医上门'],
};
const CATEGORIES = Object.keys(NEEDS) as NeedCategory[];
const RESOLUTIONS = ['已协调村医上门', '已送达物资', '已联系乡镇民政办解决', '已安排志愿者定期探访', '已完成修缮'];

function outcomeOf(r: Rng): VisitOutcome {
  const p = r.next();
  return p < 0.9 ? 'visited' : p < 0.96 ? 'not_home' : p < 0.99 ? 'in_hospital' : 'refused';
}

/**
 * The returned route sheet typed in by the station the evening of the service day: one visit per planned household
 * (by its volunteer), a need now and then. Answers the ids of the households met.
 */
export async function recordSheet(
  deps: HistoryDeps,
  shift: DemoShift,
  assignments: { volunteerId: number; recipientId: number }[],
  attended: Map<number, number>,
  names: Map<number, string>,
): Promise<number[]> {
  const { db, r } = deps;
  const at = shanghaiInstant(shift.date, '19:30');
  const stationUser = deps.stationUserOf.get(shift.townshipId)!;
  const met: number[] = [];
  for (const a of assignments) {
    if (!attended.has(a.volunteerId)) continue;
    const outcome = outcomeOf(r);
    const category = outcome === 'visited' && r.chance(0.09) ? r.pick(CATEGORIES) : null;
    await recordVisit({
      db,
      recipientId: a.recipientId,
      input: {
        visitedOn: shift.date,
        kind: 'home_visit',
        visitorKind: 'volunteer',
        visitorNames: names.get(a.volunteerId) ?? null,
        outcome,
        notes: null,
        needCategory: category,
        needUrgency: category && r.chance(0.1) ? 'urgent' : 'normal',
        needText: category ? r.pick(NEEDS[category]) : null,
      },
      recordedBy: stationUser,
      now: at,
      by: { volunteerIds: [a.volunteerId], once: true },
    });
    if (outcome === 'visited') met.push(a.recipientId);
  }
  return met;
}

/** The station works its board: most needs opened before `date` get assigned, then resolved within weeks. */
export async function followUpNeeds(deps: HistoryDeps, date: string) {
  const { db, r } = deps;
  const open = await db
    .select({ id: s.needs.id, openedOn: s.needs.openedOn, status: s.needs.status, townshipId: s.recipients.townshipId })
    .from(s.needs)
    .innerJoin(s.recipients, eq(s.recipients.id, s.needs.recipientId))
    .where(and(inArray(s.needs.status, ['open', 'assigned']), sql`${s.needs.openedOn} < ${date}`))
    .orderBy(asc(s.needs.id));
  const now = shanghaiInstant(date, '10:00');
  for (const n of open) {
    const scope = township(n.townshipId);
    const age = daysBetween(n.openedOn, date);
    if (n.status === 'open' && r.chance(0.85)) await assignNeed({ db, scope, id: n.id, assignee: '社工站', now });
    if (age >= 20 && r.chance(0.8)) await resolveNeed({ db, scope, id: n.id, resolution: r.pick(RESOLUTIONS), now });
  }
}

/** The month's notices went out at the time: the log sender stands in for the SMS gateway of a year ago. */
export async function deliverNotices(deps: Pick<HistoryDeps, 'db' | 'config' | 'logger'>, date: string) {
  const silent = { name: 'demo-archive', logsOnly: true, send: async () => {} };
  for (;;) {
    const result = await deliverOutboxJob.run({
      ...deps,
      now: shanghaiInstant(date, '23:00'),
      senders: { sms: silent, email: silent },
    });
    if (!Number(result.claimed ?? 0)) return;
  }
}
