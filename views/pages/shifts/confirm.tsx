import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';

export interface ConfirmProps {
  ui: Ui;
  title: string;
  body: string;
  /** Where the POST goes, with the fields it carries (e.g. the target shift of a move). */
  action: string;
  fields?: Record<string, string>;
  yes: string;
  back: string;
}

/** A destructive action asked once more on its own page: a plain POST form, so it works without JavaScript. */
export function ConfirmPage({ ui, title, body, action, fields = {}, yes, back }: ConfirmProps) {
  return (
    <Page ui={ui} title={title}>
      <article id="confirm">
        <h1>{title}</h1>
        <p>{body}</p>
        <form method="post" action={action}>
          {Object.entries(fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="contrast">
            {yes}
          </button>{' '}
          <a href={back} role="button" class="secondary outline">
            {ui.t('roster.confirm.back')}
          </a>
        </form>
      </article>
    </Page>
  );
}
