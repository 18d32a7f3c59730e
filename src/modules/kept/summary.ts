import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planAssignments, recipients, volunteers } from '../../db/schema/index.js';
import { businessDate, shanghaiTime } from '../../domain/dates.js';
import { VISIT_OUTCOMES, type VisitOutcome } from '../../domain/vocabulary.js';
import type { Viewer } from '../../lib/context.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { visitToCorrect } from '../visits/correction.js';
import { scope } from '../visits/policy.js';
import { findRecipientInScope } from '../visits/queries.js';
import { type KeptForm, takeSubmission } from './service.js';

/** The forms a kept submission may come from, by the path it was posted to. */
export type KeptFormKind = 'outcome' | 'correction' | 'stationVisit' | 'results' | 'other';

/** What /resume says of a kept form before it is sent again: which form, for which household, typed when. */
export interface KeptSummary {
  form: KeptFormKind;
  household: string | null;
  outcome: VisitOutcome | null;
  date: string;
  time: string;
}

const FORMS: [RegExp, KeptFormKind][] = [
  [/^\/visits\/today\/(\d+)$/, 'outcome'],
  [/^\/visits\/today\/(\d+)\/correct$/, 'correction'],
  [/^\/visits\/recipients\/(\d+)$/, 'stationVisit'],
  [/^\/visits\/records\/(\d+)\/correct$/, 'correction'],
  [/^\/plans\/\d+\/results\/\d+$/, 'results'],
];

/** The household on one of the viewer's own published plan rows (a volunteer's phone form), else null. */
async function ownHousehold(db: Db, viewer: Viewer, assignmentId: number) {
  const row = await db
    .select({ name: recipients.name })
    .from(planAssignments)
    .innerJoin(volunteers, eq(volunteers.id, planAssignments.volunteerId))
    .innerJoin(recipients, eq(recipients.id, planAssignments.recipientId))
    .where(
      and(eq(planAssignments.id, assignmentId), eq(planAssignments.published, true), eq(volunteers.userId, viewer.id)),
    )
    .get();
  return row?.name ?? null;
}

/**
 * Names a kept form for its user: the household only when the viewer may still see it (their own plan row, or a
 * recipient in their visits scope), so the summary reveals nothing the form's own page would not.
 */
export async function summarizeKept(p: { db: Db; viewer: Viewer; kept: KeptForm }): Promise<KeptSummary> {
  const path = p.kept.path.split('?')[0];
  const [pattern, form] = FORMS.find(([re]) => re.test(path)) ?? [null, 'other' as const];
  const id = pattern ? Number(pattern.exec(path)?.[1]) : Number.NaN;
  let household: string | null = null;
  if (Number.isInteger(id) && path.startsWith('/visits/today/')) household = await ownHousehold(p.db, p.viewer, id);
  if (Number.isInteger(id) && path.startsWith('/visits/records/'))
    household = (await visitToCorrect(p.db, id, p.viewer))?.recipient ?? null;
  if (Number.isInteger(id) && form === 'stationVisit')
    household = (await findRecipientInScope(p.db, scope(p.viewer), id))?.name ?? null;
  const typed = p.kept.fields.find(([k]) => k === 'outcome')?.[1];
  const outcome = (VISIT_OUTCOMES as readonly string[]).includes(typed ?? '') ? (typed as VisitOutcome) : null;
  return { form, household, outcome, date: businessDate(p.kept.createdAt), time: shanghaiTime(p.kept.createdAt) };
}

/** Takes the viewer's kept form back (once) with what the page says of it; null when there is none of theirs. */
export async function resumeKept(p: { db: Db; cipher: PersonalDataCipher; id: string; viewer: Viewer; now: Date }) {
  const form = await takeSubmission({ db: p.db, cipher: p.cipher, id: p.id, userId: p.viewer.id, now: p.now });
  return form ? { form, summary: await summarizeKept({ db: p.db, viewer: p.viewer, kept: form }) } : null;
}
