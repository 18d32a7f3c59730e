import { viewerOf } from '../../lib/authz.js';
import type { AppContext } from '../../lib/context.js';
import type { LedgerContext } from './pages.js';

/** The one context object every ledger use case takes, from the request. */
export function ledgerContext(c: AppContext): LedgerContext {
  const { db, now, logger, config } = c.get('deps');
  return { db, now: now(), actor: viewerOf(c), t: c.get('t'), logger, doubleAidDays: config.doubleAidDays };
}
