import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';

export function ErrorPage({ ui, title, body }: { ui: Ui; title: string; body: string }) {
  return (
    <Page ui={ui} title={title}>
      <article class="narrow">
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href="/">{ui.t('error.home')}</a>
        </p>
      </article>
    </Page>
  );
}
