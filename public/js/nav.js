/*
 * The officers' navigation bar works without this script (<details> menus). With it, opening one
 * programme's menu closes the other, and Escape or a click elsewhere closes the open menu.
 */
(() => {
  const groups = Array.from(document.querySelectorAll('.nav-group > details'));
  if (!groups.length) return;
  for (const d of groups) {
    d.addEventListener('toggle', () => {
      if (d.open) for (const other of groups) if (other !== d) other.open = false;
    });
  }
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = groups.find((d) => d.open);
    if (!open) return;
    open.open = false;
    open.querySelector('summary')?.focus();
  });
  document.addEventListener('click', (e) => {
    for (const d of groups) if (d.open && !d.contains(e.target)) d.open = false;
  });
})();
