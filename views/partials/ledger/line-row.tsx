import { FUNDING_SOURCES, LINE_KINDS } from '../../../src/domain/vocabulary.js';
import type { Ui } from '../../../src/lib/ui.js';

/** One repeatable line of aid: kind, amount (cash or goods value), goods details, service details. */
export function LineRow({ ui, index, values }: { ui: Ui; index: number; values?: Record<string, string> }) {
  const { t } = ui;
  const v = (k: string) => values?.[k] ?? '';
  const id = (k: string) => `line-${index}-${k}`;
  return (
    <fieldset class="line-row">
      <legend>{`${t('activities.lines')} ${index + 1}`}</legend>
      <div class="grid">
        <div>
          <label for={id('kind')}>{t('activities.kind')}</label>
          <select id={id('kind')} name="lineKind">
            {LINE_KINDS.map((k) => (
              <option value={k} selected={(v('lineKind') || 'cash') === k}>
                {t(`line.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('amount')}>{`${t('line.amount')} / ${t('line.goodsValue')}`}</label>
          <input id={id('amount')} name="lineAmount" inputmode="decimal" value={v('lineAmount')} />
        </div>
        <div>
          <label for={id('source')}>{t('line.source')}</label>
          <select id={id('source')} name="lineSource">
            <option value="" selected={v('lineSource') === ''}>
              {t('fundingSource.unspecified')}
            </option>
            {FUNDING_SOURCES.map((k) => (
              <option value={k} selected={v('lineSource') === k}>
                {t(`fundingSource.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('hours')}>{t('line.hours')}</label>
          <input id={id('hours')} name="lineHours" inputmode="decimal" value={v('lineHours')} />
        </div>
      </div>
      <div class="grid">
        <div>
          <label for={id('goods')}>{t('line.goodsName')}</label>
          <input id={id('goods')} name="lineGoodsName" maxlength={50} value={v('lineGoodsName')} />
        </div>
        <div>
          <label for={id('qty')}>{t('line.quantity')}</label>
          <input id={id('qty')} name="lineQuantity" inputmode="decimal" value={v('lineQuantity')} />
        </div>
        <div>
          <label for={id('unit')}>{t('line.unit')}</label>
          <input id={id('unit')} name="lineUnit" maxlength={10} value={v('lineUnit')} />
        </div>
        <div>
          <label for={id('skind')}>{t('line.serviceKind')}</label>
          <input id={id('skind')} name="lineServiceKind" maxlength={50} value={v('lineServiceKind')} />
        </div>
        <div>
          <label for={id('vol')}>{t('line.volunteers')}</label>
          <input id={id('vol')} name="lineVolunteers" inputmode="numeric" value={v('lineVolunteers')} />
        </div>
      </div>
    </fieldset>
  );
}

/** Asks for one more line row; the answer also replaces this button (out of band) with the next index. */
export function AddLineButton({ ui, next, oob }: { ui: Ui; next: number; oob?: boolean }) {
  return (
    <button
      type="button"
      id="add-line"
      class="secondary outline"
      hx-get={`/activities/line?index=${next}`}
      hx-target="#lines"
      hx-swap="beforeend"
      hx-swap-oob={oob ? 'true' : undefined}
    >
      {ui.t('activities.addLine')}
    </button>
  );
}
