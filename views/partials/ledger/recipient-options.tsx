import type { Ui } from '../../../src/lib/ui.js';
import type { RecipientOption } from '../../../src/modules/ledger/queries.js';

/** Checkboxes for the recipients found by name (the chosen ones stay ticked across searches). */
export function RecipientOptions({ ui, found, chosen }: { ui: Ui; found: RecipientOption[]; chosen: Set<number> }) {
  if (found.length === 0) return <p>{ui.t('common.empty')}</p>;
  return (
    <ul class="plain">
      {found.map((r) => (
        <li>
          <label>
            <input type="checkbox" name="recipientIds" value={String(r.id)} checked={chosen.has(r.id)} />
            {` ${r.name} · ${r.township} · ${r.masked}`}
          </label>
        </li>
      ))}
    </ul>
  );
}
