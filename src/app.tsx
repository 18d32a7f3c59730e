import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { ErrorPage } from '../views/pages/errors/error.js';
import { enforceAuthorization, loadSession, requireLogin } from './auth/middleware.js';
import { authRoutes, LOCALE_COOKIE } from './auth/routes.js';
import { allowPublic } from './lib/authz.js';
import type { AppContext, AppEnv, Deps } from './lib/context.js';
import { isLocale, type MessageKey, translator } from './lib/i18n/index.js';
import { renderPage, uiOf } from './lib/render.js';
import { limitBody, sameOrigin, securityHeaders } from './lib/security.js';
import { activationRoutes } from './modules/activation/routes.js';
import { calendarFeedRoutes } from './modules/calendar/routes.js';
import { captureRoutes } from './modules/care-units/capture-routes.js';
import { memberLoginRoutes } from './modules/care-units/login-routes.js';
import { mistapRoutes } from './modules/care-units/mistap-routes.js';
import { careUnitRoutes } from './modules/care-units/routes.js';
import { certificateChoiceRoutes, certificateRoutes, verifyRoutes } from './modules/certificates/routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { keepExpiredSubmission } from './modules/kept/middleware.js';
import { keptRoutes } from './modules/kept/routes.js';
import { activityImportRoutes } from './modules/ledger/import-routes.js';
import { activityRoutes } from './modules/ledger/routes.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { placeRoutes } from './modules/places/routes.js';
import { planRoutes } from './modules/plans/routes.js';
import { todayRoutes } from './modules/plans/today-routes.js';
import { agreementRoutes } from './modules/recipients/agreement-routes.js';
import { recipientRoutes } from './modules/recipients/routes.js';
import { registryRoutes } from './modules/registry/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { serviceDayRoutes } from './modules/service-days/county-routes.js';
import { templateRoutes } from './modules/service-days/routes.js';
import { rosterRoutes } from './modules/shifts/roster-routes.js';
import { shiftRoutes } from './modules/shifts/routes.js';
import { volunteerShiftRoutes } from './modules/shifts/volunteer-routes.js';
import { userRoutes } from './modules/users/routes.js';
import { correctionRoutes } from './modules/visits/correction-routes.js';
import { needRoutes, visitRoutes } from './modules/visits/routes.js';
import { taskRoutes } from './modules/visits/task-routes.js';
import { volunteerLoginRoutes } from './modules/volunteers/login-routes.js';
import { joinRoutes, volunteerRoutes } from './modules/volunteers/routes.js';

type ErrorStatus = 403 | 404 | 413 | 500;

function errorPage(
  c: AppContext,
  status: ErrorStatus,
  kind: 'forbidden' | 'notFound' | 'tooLarge' | 'server' | 'csrf',
) {
  const t = c.get('t');
  return renderPage(
    c,
    <ErrorPage
      ui={{ ...uiOf(c), flash: null }}
      title={t(`error.${kind}.title` as MessageKey)}
      body={t(`error.${kind}.body` as MessageKey)}
    />,
    status,
  );
}

/** Builds the whole application from its dependencies; the Node and Workers entries share it. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('locale', 'zh');
    c.set('t', translator('zh'));
    c.set('viewer', null);
    c.set('sessionId', null);
    await next();
  });
  app.use('*', securityHeaders);
  if (deps.compressHtml) app.use('*', deps.compressHtml);
  if (deps.assets) app.use('/static/*', deps.assets);
  app.use('*', sameOrigin(deps.config.publicUrl));
  app.use('*', limitBody);
  app.use('*', loadSession);
  app.use('*', async (c, next) => {
    // The language: the remembered switch, else the account's, else Chinese.
    const fromCookie = getCookie(c, LOCALE_COOKIE);
    const locale = isLocale(fromCookie) ? fromCookie : (c.get('viewer')?.locale ?? 'zh');
    c.set('locale', locale);
    c.set('t', translator(locale));
    await next();
  });
  app.use('*', keepExpiredSubmission);
  app.use('*', requireLogin);
  app.use('*', enforceAuthorization);

  app.get('/healthz', async (c) => {
    allowPublic(c);
    try {
      await deps.db.run(sql`select 1`);
      return c.json({ status: 'ok' });
    } catch (error) {
      deps.logger.error('health_check_failed', { message: (error as Error).message });
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.route('/', authRoutes);
  app.route('/', dashboardRoutes);
  app.route('/admin/users', userRoutes);
  app.route('/recipients/agreements', agreementRoutes);
  app.route('/recipients', recipientRoutes);
  app.route('/', registryRoutes);
  app.route('/organisations', organisationRoutes);
  app.route('/volunteers', volunteerLoginRoutes);
  app.route('/care-units', careUnitRoutes);
  app.route('/care-units', memberLoginRoutes);
  app.route('/care', captureRoutes);
  app.route('/care', mistapRoutes);
  app.route('/volunteers', volunteerRoutes);
  app.route('/join', joinRoutes);
  app.route('/activate', activationRoutes);
  app.route('/places', placeRoutes);
  app.route('/activities', activityRoutes);
  app.route('/activities', activityImportRoutes);
  app.route('/reports', reportRoutes);
  app.route('/resume', keptRoutes);
  app.route('/visits/today', todayRoutes);
  app.route('/visits/tasks', taskRoutes);
  app.route('/visits/records', correctionRoutes);
  app.route('/visits', visitRoutes);
  app.route('/plans', planRoutes);
  app.route('/needs', needRoutes);
  app.route('/shifts/templates', templateRoutes);
  app.route('/shifts/certificate', certificateChoiceRoutes);
  app.route('/certificates', certificateRoutes);
  app.route('/verify', verifyRoutes);
  app.route('/service-days', serviceDayRoutes);
  app.route('/shifts', volunteerShiftRoutes);
  app.route('/shifts', shiftRoutes);
  app.route('/shifts', rosterRoutes);
  app.route('/calendar', calendarFeedRoutes);

  app.notFound((c) => errorPage(c as AppContext, 404, 'notFound'));
  app.onError((err, c) => {
    const ctx = c as AppContext;
    if (err instanceof HTTPException) {
      if (err.status === 404) return errorPage(ctx, 404, 'notFound');
      if (err.status === 413) return errorPage(ctx, 413, 'tooLarge');
      if (err.status === 403) return errorPage(ctx, 403, err.message === 'csrf' ? 'csrf' : 'forbidden');
      if (err.status === 401) return c.redirect('/login', 302);
    }
    deps.logger.error('request_failed', {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: err.name,
      message: err.message,
    });
    return errorPage(ctx, 500, 'server');
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
