import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translator } from '../../src/lib/i18n/index.js';
import type { Ui } from '../../src/lib/ui.js';
import { Field, FormErrors, Notice, Select } from '../../views/components/form.js';
import { Page } from '../../views/layouts/page.js';
import { ErrorPage } from '../../views/pages/errors/error.js';

// Anything a user can type, weighted towards markup, htmx attributes and script.
const hostile = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' hx-get='/admin/users' hx-trigger='load",
      '<div hx-post="/logout" hx-trigger="load">',
      '</textarea><svg onload=alert(1)>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
      '{{7*7}}${7*7}',
    ),
    fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('<', '>', '"', "'", '&')).map(([a, b]) => a + b + a),
  )
  .filter((s) => s.length > 0); // empty text legitimately omits optional elements

function ui(viewerName: string): Ui {
  return {
    t: translator('zh'),
    locale: 'zh',
    viewer: {
      id: 1,
      username: 'u',
      displayName: viewerName,
      role: 'county_admin',
      townshipId: null,
      organisationId: null,
      locale: 'zh',
    },
    path: '/',
    flash: viewerName,
  };
}

/** The markup skeleton: tags and attribute names, with attribute values and text removed. */
function skeleton(html: string): string[] {
  return [...html.replace(/="[^"]*"/g, '=""').matchAll(/<\/?[a-zA-Z][^>]*>/g)].map((m) => m[0]);
}

describe('views escape everything they are given', () => {
  test.prop([hostile, hostile, hostile])('page shell, fields, selects, notices and error pages', (a, b, c) => {
    const render = (x: string, y: string, z: string) =>
      String(
        <Page ui={ui(x)} title={y}>
          <FormErrors errors={{ name: z, _form: x }} message={y} />
          <Field name="name" label={z} values={{ name: x, choice: y }} errors={{ name: y }} hint={x} />
          <Select name="choice" label={x} values={{ name: x, choice: y }} options={[{ value: y, label: z }]} />
          <Notice kind="error">{z}</Notice>
        </Page>,
      );
    // Whatever the input, the page has exactly the tags and attributes it has with harmless text.
    expect(skeleton(render(a, b, c))).toEqual(skeleton(render('x', 'y', 'z')));
    expect(skeleton(String(<ErrorPage ui={ui(c)} title={a} body={b} />))).toEqual(
      skeleton(String(<ErrorPage ui={ui('z')} title="x" body="y" />)),
    );
  });
});
