import type { Ui } from '../../../src/lib/ui.js';
import type { LoginOutcome } from '../../../src/modules/volunteers/logins.js';
import { ActivationSlipsPage } from '../../partials/activation/slips.js';

type Issued = Extract<LoginOutcome, { kind: 'issued' }>;
type Skipped = Extract<LoginOutcome, { kind: 'skipped' }>;

/** The volunteers' codes just issued: a volunteer logs in with their mobile, so the slip shows it masked. */
export function LoginSlipsPage({
  ui,
  outcomes,
  activateUrl,
}: {
  ui: Ui;
  outcomes: LoginOutcome[];
  activateUrl: string;
}) {
  const issued = outcomes.filter((o): o is Issued => o.kind === 'issued');
  const skipped = outcomes.filter((o): o is Skipped => o.kind === 'skipped');
  return (
    <ActivationSlipsPage
      ui={ui}
      words={{
        once: 'vols.slips.once',
        skipped: 'vols.slips.skipped',
        reissue: 'vols.slips.reissue',
        heading: 'vols.slip.heading',
        name: 'vols.name',
        login: 'vols.slip.login',
        steps: 'vols.slip.steps',
      }}
      issued={issued.map((o) => ({
        ...o,
        name: o.volunteer.name,
        login: o.volunteer.mobileMasked,
        loginClass: 'mono',
      }))}
      skipped={skipped.map((o) => ({
        who: <a href={`/volunteers/${o.volunteer.id}`}>{o.volunteer.name}</a>,
        reason: `vols.slips.reason.${o.reason}` as const,
      }))}
      reissue={{
        action: '/volunteers/logins',
        ids: skipped.filter((o) => o.reason === 'hasLogin').map((o) => o.volunteer.id),
      }}
      back={{ href: '/volunteers', label: ui.t('vols.title') }}
      activateUrl={activateUrl}
    />
  );
}
