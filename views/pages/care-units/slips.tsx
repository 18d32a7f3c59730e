import type { Ui } from '../../../src/lib/ui.js';
import type { MemberLoginOutcome } from '../../../src/modules/care-units/logins.js';
import { ActivationSlipsPage } from '../../partials/activation/slips.js';

type Issued = Extract<MemberLoginOutcome, { kind: 'issued' }>;
type Skipped = Extract<MemberLoginOutcome, { kind: 'skipped' }>;

/** The members' codes just issued: their slips show the login made for them (a member may have no mobile). */
export function MemberSlipsPage(p: { ui: Ui; unitId: number; outcomes: MemberLoginOutcome[]; activateUrl: string }) {
  const issued = p.outcomes.filter((o): o is Issued => o.kind === 'issued');
  const skipped = p.outcomes.filter((o): o is Skipped => o.kind === 'skipped');
  return (
    <ActivationSlipsPage
      ui={p.ui}
      words={{
        once: 'care.slips.once',
        skipped: 'care.slips.skipped',
        reissue: 'care.slips.reissue',
        heading: 'care.slip.heading',
        name: 'care.member.name',
        login: 'care.slip.login',
        steps: 'care.slip.steps',
      }}
      issued={issued.map((o) => ({ ...o, name: o.member.name, loginClass: 'mono slip-login' }))}
      skipped={skipped.map((o) => ({ who: o.member.name, reason: `care.slips.reason.${o.reason}` as const }))}
      reissue={{
        action: `/care-units/${p.unitId}/logins`,
        ids: skipped.filter((o) => o.reason === 'hasLogin').map((o) => o.member.id),
      }}
      back={{ href: `/care-units/${p.unitId}`, label: p.ui.t('care.title') }}
      activateUrl={p.activateUrl}
    />
  );
}
