import { formatYuanGrouped } from '../../../src/domain/money.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { NamedAidEvent } from '../../../src/modules/ledger/double-aid.js';

/**
 * Other bodies' aid to the chosen households within the window: the content of `#double-aid` (the form's and the
 * htmx check's; the container stays, so a slower answer never lands in a replaced element). `confirm` (the no-JS submit's confirm step) carries
 * the aid seen as hidden fields, so saving again is the confirmation, and new aid since asks again.
 */
export function DoubleAidNotice({
  ui,
  earlier,
  days,
  confirm = false,
}: {
  ui: Ui;
  earlier: NamedAidEvent[];
  days: number;
  confirm?: boolean;
}) {
  const { t } = ui;
  if (earlier.length === 0) return null;
  return (
    <div class="notice" role="alert">
      <p>
        <strong>{t('doubleAid.warning', { days })}</strong>
      </p>
      <ul>
        {earlier.map((e) => (
          <li>
            {t('doubleAid.item', {
              name: e.recipient,
              date: e.on,
              body: e.organisation,
              amount: formatYuanGrouped(e.aidFen),
            })}
          </li>
        ))}
      </ul>
      {confirm ? (
        <>
          {[...new Set(earlier.map((e) => e.activityId))].map((id) => (
            <input type="hidden" name="confirmDoubleAid" value={String(id)} />
          ))}
          <p>{t('doubleAid.confirmHint')}</p>
        </>
      ) : null}
    </div>
  );
}
