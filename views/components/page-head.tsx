import type { Child } from 'hono/jsx';

/** A page's title with its actions beside it (the hgroup the stylesheet lays out as one row). */
export function PageHead(p: { title: string; children?: Child }) {
  return (
    <hgroup class="page-head">
      <h1>{p.title}</h1>
      {p.children}
    </hgroup>
  );
}

/** The record page's button to its edit form, for those who may edit it. */
export function EditButton(p: { href: string; label: string }) {
  return (
    <a href={p.href} role="button" class="secondary">
      {p.label}
    </a>
  );
}
