/**
 * H5 keyboard behaviour of a modal dialog (WAI-ARIA dialog pattern): focus moves into it on open,
 * Tab and Shift+Tab cycle inside it, Escape closes it, and focus goes back to whatever opened it.
 * Plain DOM so it serves any dialog element, whoever renders it.
 */
const FOCUSABLE = "[tabindex]:not([tabindex='-1']),button:not([disabled]),a[href],input:not([type=hidden]):not([disabled]),textarea:not([disabled]),select:not([disabled])";

/** The dialog's controls in tab order (visible ones only). */
export function focusables(panel: HTMLElement): HTMLElement[] {
  return Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0 && el.getAttribute('aria-disabled') !== 'true');
}

/** Where Tab (or Shift+Tab) goes from `current` among `items`: the next one, wrapping at the ends. */
export function nextFocus<T>(items: T[], current: T | null, back: boolean): T | undefined {
  if (!items.length) return undefined;
  const at = current === null ? -1 : items.indexOf(current);
  if (at < 0) return back ? items[items.length - 1] : items[0];
  return items[(at + (back ? -1 : 1) + items.length) % items.length];
}

/**
 * Holds focus in `panel` until the returned release is called (on close). `initial` is focused
 * first when given (the dialog's first control, or its title for reading), else the first control.
 */
export function holdFocus(panel: HTMLElement, onEscape: () => void, initial?: HTMLElement | null): () => void {
  const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  const first = initial ?? focusables(panel)[0] ?? panel;
  if (first === panel && !panel.hasAttribute('tabindex')) panel.setAttribute('tabindex', '-1');
  first.focus();
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    if (e.key !== 'Tab') return;
    e.preventDefault();
    const active = document.activeElement instanceof HTMLElement && panel.contains(document.activeElement) ? document.activeElement : null;
    (nextFocus(focusables(panel), active, e.shiftKey) ?? panel).focus();
  };
  document.addEventListener('keydown', onKey, true);
  return () => {
    document.removeEventListener('keydown', onKey, true);
    // Back to the control that opened it, if it is still on the page.
    if (opener?.isConnected) opener.focus();
  };
}
