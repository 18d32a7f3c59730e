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
