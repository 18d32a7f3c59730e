// Progressive enhancement only: every page works without this file.
// Close the phone menu after a choice, so a boosted navigation does not leave it open.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('details.menu a') : null;
  if (link) link.closest('details')?.removeAttribute('open');
});

// A print button on printable pages (inline handlers are forbidden by the CSP).
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
});

// On a weak signal a tap must show at once that it was taken: the button turns busy (Pico draws a spinner)
// and refuses a second tap until the answer is in. If the answer never comes, say so next to the button;
// tapping again is safe because the server treats a repeated sign-up as the same one.
const submitButton = (elt) =>
  elt instanceof HTMLFormElement ? elt.querySelector('button:not([type="button"])') : elt.closest?.('button');

// The element (with an id) around the focus when a request starts: htmx replaces it, and a keyboard or
// screen-reader user must land in the new one, not back at the top of the page.
let refocus = null;

document.addEventListener('htmx:before:request', (event) => {
  const active = document.activeElement;
  refocus = active && event.target.contains?.(active) ? (active.closest('[id]')?.id ?? null) : null;
  const button = submitButton(event.target);
  if (!button) return;
  button.setAttribute('aria-busy', 'true');
  button.disabled = true;
  event.target.querySelector?.('.net-error')?.remove();
});

document.addEventListener('htmx:finally:request', (event) => {
  const button = submitButton(event.target);
  if (!button) return;
  button.removeAttribute('aria-busy');
  button.disabled = false;
});

document.addEventListener('htmx:after:swap', () => {
  const id = refocus;
  refocus = null;
  const active = document.activeElement;
  if (!id || (active && active !== document.body && active.isConnected)) return;
  document.getElementById(id)?.querySelector('button, a[href], input, select, textarea')?.focus();
});

document.addEventListener('htmx:error', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form') : null;
  const text = document.body.dataset.netError;
  if (!form || !text || form.querySelector('.net-error')) return;
  const note = document.createElement('p');
  note.className = 'net-error error';
  note.setAttribute('role', 'alert');
  note.textContent = text;
  form.append(note);
});

// A table wider than the phone scrolls inside its wrapper: keyboard users need to reach it to scroll it
// (Chromium and Firefox do this on their own; others need the tabindex). Only wrappers that do scroll.
function focusableScrollers(root) {
  for (const wrap of root.querySelectorAll('.table-wrap')) {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.tabIndex = 0;
  }
}
document.addEventListener('DOMContentLoaded', () => focusableScrollers(document));
document.addEventListener('htmx:after:swap', () => focusableScrollers(document));
