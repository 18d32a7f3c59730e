import { VILLAGE_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { VillageRow } from '../../../src/modules/places/queries.js';
import { FormErrors } from '../../components/form.js';
import { type FieldSpec, FormGrid } from '../../components/form-grid.js';
import { Page } from '../../layouts/page.js';

export interface PlacesProps {
  ui: Ui;
  townships: { id: number; name: string; villages: number; recipients: number }[];
  villages: VillageRow[];
  values?: FormValues;
  errors?: FieldErrors;
}

export function PlacesPage(p: PlacesProps) {
  const { t } = p.ui;
  const name: FieldSpec = { name: 'name', label: t('places.name'), required: true, maxlength: 30 };
  const village: FieldSpec[][] = [
    [
      {
        kind: 'select',
        name: 'townshipId',
        label: t('places.township'),
        required: true,
        placeholder: t('users.choose'),
        options: p.townships.map((x) => ({ value: String(x.id), label: x.name })),
      },
    ],
    [name],
    [
      {
        kind: 'select',
        name: 'kind',
        label: t('places.kind'),
        required: true,
        options: VILLAGE_KINDS.map((k) => ({ value: k, label: t(`places.kind.${k}`) })),
      },
    ],
    [
      { name: 'lat', inputmode: 'decimal', label: t('places.lat'), maxlength: 12 },
      { name: 'lng', inputmode: 'decimal', label: t('places.lng'), maxlength: 12 },
    ],
  ];
  return (
    <Page ui={p.ui} title={t('places.title')}>
      <h1>{t('places.title')}</h1>
      <FormErrors errors={p.errors} message={t('form.invalid')} />
      <div class="table-wrap">
        <table class="striped">
          <thead>
            <tr>
              <th>{t('places.township')}</th>
              <th>{t('places.villages')}</th>
              <th>{t('places.recipients')}</th>
            </tr>
          </thead>
          <tbody>
            {p.townships.map((x) => (
              <tr>
                <td>{x.name}</td>
                <td>
                  <details>
                    <summary>{x.villages}</summary>
                    {p.villages
                      .filter((v) => v.townshipId === x.id)
                      .map((v) => `${v.name}（${t(`places.kind.${v.kind}`)}）`)
                      .join('、')}
                  </details>
                </td>
                <td>{x.recipients}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="grid">
        <form method="post" action="/places">
          <h2>{t('places.newTownship')}</h2>
          <FormGrid rows={[[name]]} values={p.values} errors={p.errors} />
          <button type="submit">{t('common.create')}</button>
        </form>
        <form method="post" action="/places/villages">
          <h2>{t('places.newVillage')}</h2>
          <FormGrid rows={village} values={p.values} errors={p.errors} />
          <button type="submit">{t('common.create')}</button>
        </form>
      </div>
    </Page>
  );
}
