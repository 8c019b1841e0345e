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

/** The focused element, if any (not the body). */
export function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
}

/**
 * Holds focus in `panel` until the returned release is called (on close), then gives it back to
 * `opener` (by default whatever had focus when called). The first control takes focus, or the
 * panel itself when it has none.
 */
export function holdFocus(panel: HTMLElement, onEscape: () => void, opener: HTMLElement | null = focusedElement()): () => void {
  const first = focusables(panel)[0] ?? panel;
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
