import { type SQL, sql } from 'drizzle-orm';
import { translator } from '../../lib/i18n/index.js';

/**
 * The urgent-need notice to a township station's duty phone (in Chinese), as SQL with the need's id spliced in:
 * the id only, never the recipient's name or the need's text (health data has no place at an SMS gateway or in a
 * log; the station reads the need on its board).
 */
export function urgentNeedNotice(needId: SQL): { subject: SQL; body: SQL } {
  const t = translator('zh');
  const withId = (key: 'notice.urgentNeed.subject' | 'notice.urgentNeed.body') => {
    const [before, after = ''] = t(key, { id: '\u0000' }).split('\u0000');
    return sql`${before} || ${needId} || ${after}`;
  };
  return { subject: withId('notice.urgentNeed.subject'), body: withId('notice.urgentNeed.body') };
}
