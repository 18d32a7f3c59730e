import { Hono } from 'hono';
import { AgreementsPage } from '../../../views/pages/recipients/agreements.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { agreementTallies, agreementTerm, setAgreementTerm } from './agreements.js';
import { can, scope } from './policy.js';
import { agreementTermForm } from './schema.js';

/** Care agreements per township (the dashboard's cards in detail) and the county's default term. */
export const agreementRoutes = new Hono<AppEnv>();

async function render(c: AppContext, values?: FormValues, errors?: FieldErrors) {
  const viewer = viewerOf(c);
  const { db, now } = c.get('deps');
  const [rows, term] = await Promise.all([
    agreementTallies({ db, scope: scope(viewer, 'list'), today: businessDate(now()) }),
    agreementTerm(db),
  ]);
  const page = (
    <AgreementsPage
      ui={uiOf(c)}
      rows={rows}
      term={term}
      canConfigure={can(viewer, 'configure')}
      values={values ?? { termYears: term === null ? '' : String(term) }}
      errors={errors}
    />
  );
  return renderPage(c, page, errors ? 422 : 200);
}

agreementRoutes.get('/', (c) => {
  authorize(c, can(viewerOf(c), 'list'));
  return render(c);
});

agreementRoutes.post('/term', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'configure'));
  const form = parseForm(agreementTermForm, await readForm(c), c.get('t'));
  if (!form.ok) return render(c, form.values, form.errors);
  const { db, now } = c.get('deps');
  await setAgreementTerm({ db, now: now(), actorUserId: viewer.id, termYears: form.data.termYears });
  setFlash(c, 'agreements.termSaved');
  return redirectAfterPost(c, '/recipients/agreements');
});
