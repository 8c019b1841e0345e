import fs from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * The accessibility checks every e2e page visit shares (issue 20): axe-core in the page (serious or
 * critical violations fail), tap-target sizes, and 长辈模式 type sizes. The rules' numbers:
 * 44×44 CSS px targets (60×60 in 长辈模式), elder text ≥ 18.7 px (14 pt), multi-line fields included.
 */
export const MIN_TARGET = 44;
export const MIN_TARGET_ELDER = 60;
export const MIN_ELDER_TEXT = 18.7;
/** An empty multi-line field still shows room for a few lines. */
export const MIN_TEXTAREA_HEIGHT = 60;

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What a person can operate: the roles Tap gives, and native controls. */
const CONTROLS = "[role='button'],[role='link'],[role='tab'],[role='checkbox'],[role='radio'],[role='switch'],taro-button-core,button,a[href]";

export interface Finding {
  rule: string;
  nodes: string[];
}

/**
 * Page structure (axe best-practice rules, any impact fails): one level-1 heading, headings that
 * go down one level at a time (the page's name, then its section titles and dialogs at level 2),
 * one main landmark, every piece of content inside a landmark.
 */
export const STRUCTURE_RULES = ['page-has-heading-one', 'heading-order', 'landmark-one-main', 'landmark-no-duplicate-main', 'region'];

/**
 * axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now, plus any
 * violation of the STRUCTURE_RULES.
 */
export async function axeFindings(page: Page): Promise<Finding[]> {
  // The app's CSP forbids inline <script> (addScriptTag); evaluating the source is not blocked.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  return page.evaluate(async (structure) => {
    type AxeNode = { target: string[]; failureSummary?: string };
    type AxeResult = { id: string; impact?: string; help: string; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    // Taro's H5 toast is an overlay on <body> by design; lib/toast says its words in a live region.
    const scope = { include: [['html']], exclude: [['.taro__toast']] };
    const { violations: shape } = await axe.run(scope as unknown as Document, { runOnly: { type: 'rule', values: structure }, resultTypes: ['violations'] });
    return [...violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), ...shape]
      .map((v) => ({ rule: `${v.id} (${v.impact}): ${v.help}`, nodes: v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`) }));
  }, STRUCTURE_RULES);
}

/** Controls smaller than the rule (`min` CSS px a side), as "text: w×h". */
export async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.locator(CONTROLS).evaluateAll(
    (els, m) =>
      els
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[aria-hidden="true"]');
        })
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < m - 0.5 || r.height < m - 0.5)
        .map(({ el, r }) => `${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 16)} [${el.className}]: ${Math.round(r.width)}×${Math.round(r.height)}`),
    min,
  );
}

/** Visible text (and multi-line fields) set below `min` px, or empty fields too short to write in. */
export async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate(
    ([m, minHeight]) => {
      const out: string[] = [];
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.sr-only,[aria-hidden="true"],.identity-picker');
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const seen = new Set<Element>();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || seen.has(el) || !(n.textContent ?? '').trim() || !visible(el) || el.closest('script,style,noscript,svg')) continue;
        seen.add(el);
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < m) out.push(`${(n.textContent ?? '').trim().slice(0, 16)} [${el.className}]: ${size}px`);
      }
      for (const field of Array.from(document.querySelectorAll('textarea,input:not([type=hidden]):not([type=file])'))) {
        if (!visible(field)) continue;
        const size = parseFloat(getComputedStyle(field).fontSize);
        if (size < m) out.push(`${field.tagName.toLowerCase()} [${field.getAttribute('aria-label') ?? ''}]: ${size}px`);
        const h = field.getBoundingClientRect().height;
        if (field.tagName === 'TEXTAREA' && h < minHeight) out.push(`textarea [${field.getAttribute('aria-label') ?? ''}]: ${Math.round(h)}px tall`);
      }
      return out;
    },
    [min, MIN_TEXTAREA_HEIGHT] as const,
  );
}

/**
 * All checks for one page state; throws naming the state and what failed. Elder mode is read from
 * the page (the `.page.elder` root), so one call serves both modes.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  await page.waitForTimeout(300); // let the page-switch animation settle before measuring
  const elder = (await page.locator('.page.elder').count()) > 0;
  const problems: string[] = [];
  for (const f of await axeFindings(page)) problems.push(`axe ${f.rule}\n    ${f.nodes.join('\n    ')}`);
  const targets = await smallTargets(page, elder ? MIN_TARGET_ELDER : MIN_TARGET);
  if (targets.length) problems.push(`tap targets under ${elder ? MIN_TARGET_ELDER : MIN_TARGET}px:\n    ${targets.join('\n    ')}`);
  if (elder) {
    const text = await smallText(page, MIN_ELDER_TEXT);
    if (text.length) problems.push(`长辈模式 text under ${MIN_ELDER_TEXT}px:\n    ${text.join('\n    ')}`);
  }
  if (problems.length) throw new Error(`${state}${elder ? ' (长辈模式)' : ''}:\n  ${problems.join('\n  ')}`);
}

/** Switch 长辈模式 on or off for the next load, the way the app stores it (Taro's H5 storage). */
export async function setElder(page: Page, on: boolean): Promise<void> {
  await page.evaluate((v) => window.localStorage.setItem('qgt.elder', JSON.stringify({ data: v })), on);
}
