import { Hono } from 'hono';
import { StationCorrectPage } from '../../../views/pages/visits/correct.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { correctVisit, visitToCorrect } from './correction.js';
import { visitWords } from './field-record.js';
import { can } from './policy.js';
import { outcomeForm } from './schema.js';

/** The station's same-day correction of a visit recorded in its township (the recorder corrects on 今日走访). */
export const correctionRoutes = new Hono<AppEnv>();

const REFUSAL = {
  other_day: 'field.correctOtherDay',
  conflict: 'field.correctConflict',
  no_plan: 'field.correctNoPlan',
  bad_target: 'field.aidRefused',
  not_found: 'error.notFound.title',
} as const;

correctionRoutes.get('/:id{[0-9]+}/correct', async (c) => {
  authorize(c, can(viewerOf(c), 'followUp'));
  const visit = await visitToCorrect(c.get('deps').db, Number(c.req.param('id')), viewerOf(c));
  if (!visit) notFound();
  return renderPage(c, <StationCorrectPage ui={uiOf(c)} visit={visit} values={visit.values} />);
});

correctionRoutes.post('/:id{[0-9]+}/correct', async (c) => {
  authorize(c, can(viewerOf(c), 'followUp'));
  const { db, now } = c.get('deps');
  const visit = await visitToCorrect(db, Number(c.req.param('id')), viewerOf(c));
  if (!visit) notFound();
  const form = parseForm(outcomeForm, await readForm(c), c.get('t'));
  const page = (errors: Record<string, string>) =>
    renderPage(c, <StationCorrectPage ui={uiOf(c)} visit={visit} values={form.values} errors={errors} />, 422);
  if (!form.ok) return page(form.errors);
  const ctx = { db, visitId: visit.id, viewer: viewerOf(c), input: form.data, household: null, now: now() };
  const result = await correctVisit({ ...ctx, words: visitWords(c.get('t')) });
  if (!result.ok) return page({ outcome: c.get('t')(REFUSAL[result.reason]) });
  setFlash(c, result.changed ? 'field.corrected' : 'field.unchanged');
  return redirectAfterPost(c, `/visits/records/${visit.id}/correct`);
});
