import type { Translate } from '../../../src/lib/i18n/index.js';

/** Whose shift it is: the station's service-day shift (the township's, shared with its organisations) or an organisation's own. */
export function ShiftOwner({
  t,
  shift,
}: {
  t: Translate;
  shift: { organisationKind: string; serviceDay: number | boolean };
}) {
  if (shift.organisationKind !== 'station')
    return <small class="owner owner-org">{t('serviceDays.owner.organisation')}</small>;
  return (
    <small class="owner owner-station">
      {t(shift.serviceDay ? 'serviceDays.owner.stationDay' : 'serviceDays.owner.station')}
    </small>
  );
}
