import { eq, inArray, sql } from 'drizzle-orm';
import { organisations, townships, volunteerOrganisations, volunteers } from '../../db/schema/index.js';
import { normaliseMobile } from '../../domain/mobile.js';
import { SKILLS, type Skill, skillFrom } from '../../domain/skills.js';
import type { Cell } from '../../lib/spreadsheet/index.js';
import { mobileColumns } from '../volunteers/mobile.js';
import type { IdRef } from './context.js';
import { type RowOf, VOLUNTEER_COLUMNS } from './formats.js';
import type { Plan, PlanInput, RowInput } from './pipeline.js';
import { changesOf, emptyPlan, planCreates, planUpdate, rowFailer } from './plan.js';
import type { RegisterExport } from './recipients-io.js';
import { yesNoFrom } from './values.js';

type Row = RowOf<typeof VOLUNTEER_COLUMNS>;

interface Parsed {
  row: number;
  name: string;
  mobile: string;
  townshipRef: IdRef | null;
  organisationId: number | null;
  skills: Skill[];
  partyMember: boolean;
}

export function parseVolunteerRow({ ctx, row: rowNumber, values: v, errors }: RowInput<Row>): Parsed | null {
  const t = ctx.t;
  const before = errors.length;
  const fail = rowFailer(VOLUNTEER_COLUMNS, rowNumber, errors);
  if (!v.name) fail('name', t('form.required'));
  else if (v.name.length > 50) fail('name', t('form.tooLong', { max: 50 }));
  const mobile = normaliseMobile(v.mobile);
  if (!mobile) fail('mobile', t('recipients.error.mobile'));
  let townshipRef: IdRef | null = null;
  if (v.township) {
    const found = ctx.township(v.township);
    if ('error' in found) fail('township', found.error);
    else townshipRef = found.ref;
  } else if (!ctx.isAdmin) fail('township', t('form.required'));
  let organisationId: number | null = null;
  if (v.organisation) {
    const org =
      ctx.organisations.get(`social_org|${v.organisation}`) ?? ctx.organisations.get(`station|${v.organisation}`);
    if (!org) fail('organisation', t('registry.error.unknownOrganisation', { name: v.organisation }));
    else organisationId = org.id;
  }
  const skills: Skill[] = [];
  for (const part of v.skills
    .split(/[、;；,，]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const skill = skillFrom(part);
    if (!skill)
      fail(
        'skills',
        t('registry.error.choice', {
          value: part,
          choices: Object.values(SKILLS)
            .map((s) => s.zh)
            .join(' / '),
        }),
      );
    else if (!skills.includes(skill)) skills.push(skill);
  }
  const party = yesNoFrom(v.party_member);
  if (party === undefined)
    fail('party_member', t('registry.error.choice', { value: v.party_member, choices: '是 / 否' }));
  if (errors.length > before || !mobile) return null;
  return { row: rowNumber, name: v.name, mobile, townshipRef, organisationId, skills, partyMember: party ?? false };
}

/** Volunteers match by mobile; their organisation is added to the ones they already belong to. */
export async function planVolunteers({ db, cipher, ctx, rows }: PlanInput<Parsed>): Promise<Plan> {
  // Matched by the keyed hash of the mobile: the number itself is stored only encrypted (decision 0215).
  const existing = new Map((await db.select().from(volunteers)).map((r) => [r.mobileHash, r]));
  const memberships = new Set(
    (await db.select().from(volunteerOrganisations)).map((m) => `${m.volunteerId}|${m.organisationId}`),
  );
  const now = ctx.now;
  const plan = emptyPlan();
  const byMobile = (hash: string) => sql`(SELECT id FROM volunteers WHERE mobile_hash = ${hash})`;
  const creates: (typeof volunteers.$inferInsert)[] = [];
  const createdHashes: string[] = [];
  const newMemberships: { hash: string; organisationId: number }[] = [];
  for (const p of rows) {
    const hash = cipher.lookupHash(p.mobile);
    const current = existing.get(hash);
    const columns = { name: p.name, townshipId: p.townshipRef, skills: p.skills, partyMember: p.partyMember };
    const membership = p.organisationId
      ? db.run(
          sql`INSERT INTO volunteer_organisations (volunteer_id, organisation_id) VALUES (${byMobile(hash)}, ${p.organisationId}) ON CONFLICT DO NOTHING`,
        )
      : null;
    if (!current) {
      plan.created++;
      creates.push({
        ...columns,
        ...(await mobileColumns(cipher, p.mobile)),
        status: 'active',
        createdAt: now,
        updatedAt: now,
      } as typeof volunteers.$inferInsert);
      createdHashes.push(hash);
      if (p.organisationId) newMemberships.push({ hash, organisationId: p.organisationId });
      continue;
    }
    if (!ctx.isAdmin && current.townshipId !== ctx.viewer.townshipId) {
      rowFailer(VOLUNTEER_COLUMNS, p.row, plan.errors)('mobile', ctx.t('registry.error.otherTownship'));
      continue;
    }
    const changed = changesOf(current, columns);
    const newMembership = p.organisationId !== null && !memberships.has(`${current.id}|${p.organisationId}`);
    if (newMembership) changed.organisation = p.organisationId;
    const set = { ...columns, updatedAt: now };
    const extra = () => (membership && newMembership ? [membership] : []);
    planUpdate({ db, ctx, plan, entity: 'volunteer', table: volunteers, id: current.id, changed, set, extra });
  }
  // New volunteers, their audit rows and memberships selected back by the mobile's hash.
  const by = { column: volunteers.mobileHash, keys: createdHashes };
  planCreates({ db, ctx, plan, entity: 'volunteer', table: volunteers, rows: creates, by });
  for (const m of newMemberships)
    plan.statements.push(
      db.run(
        sql`INSERT INTO volunteer_organisations (volunteer_id, organisation_id) VALUES (${byMobile(m.hash)}, ${m.organisationId}) ON CONFLICT DO NOTHING`,
      ),
    );
  return plan;
}

/**
 * Volunteers in the import format, one row per volunteer with their first organisation; the mobile in full, as
 * before, decrypted here (the export is audited and its cells spreadsheet-protected).
 */
export async function exportVolunteers({ db, cipher, where }: Omit<RegisterExport, 'unmasked'>): Promise<Cell[][]> {
  const rows = await db
    .select({ v: volunteers, township: townships.name })
    .from(volunteers)
    .leftJoin(townships, eq(townships.id, volunteers.townshipId))
    .where(where)
    .orderBy(volunteers.id);
  // Memberships of the listed volunteers, chosen by the same condition (no id list bound as parameters).
  const orgs = rows.length
    ? await db
        .select({ volunteerId: volunteerOrganisations.volunteerId, name: organisations.name, kind: organisations.kind })
        .from(volunteerOrganisations)
        .innerJoin(organisations, eq(organisations.id, volunteerOrganisations.organisationId))
        .where(
          inArray(volunteerOrganisations.volunteerId, db.select({ id: volunteers.id }).from(volunteers).where(where)),
        )
    : [];
  const first = new Map<number, string>();
  // Social organisations before stations: the one a volunteer was registered through.
  for (const o of [...orgs].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'social_org' ? -1 : 1)))
    if (!first.has(o.volunteerId)) first.set(o.volunteerId, o.name);
  const mobiles = await Promise.all(rows.map(({ v }) => cipher.decrypt(v.mobileEnc)));
  return rows.map(({ v, township }, i) => [
    v.name,
    mobiles[i],
    township,
    first.get(v.id) ?? null,
    v.skills.map((s) => SKILLS[s as Skill]?.zh ?? s).join('、'),
    v.partyMember ? '是' : '否',
  ]);
}
