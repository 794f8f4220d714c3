/// <reference lib="dom" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** WCAG 2.2 AA, as axe-core tags it. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's violations of WCAG 2.2 AA on the page as it is now. axe is evaluated through the
 * DevTools protocol, which the page's CSP (no inline script, rightly) does not prevent. A page
 * with JavaScript off cannot run axe (its timers never fire): the same HTML, without its
 * scripts, is then checked in a scratch page at the same address, styles and all.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (await page.evaluate(() => document.documentElement.classList.contains('js'))) {
    return runAxe(page);
  }
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const scratch = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const copy = await scratch.newPage();
    await copy.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === url) return route.fulfill({ contentType: 'text/html', body: html });
      return new URL(requested).host === new URL(url).host ? route.continue() : route.abort();
    });
    await copy.goto(url);
    return await runAxe(copy);
  } finally {
    await scratch.close();
  }
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    WCAG_TAGS,
  )) as {
    violations: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  };
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** True when nothing of the page sticks out sideways: the page is usable at this width. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Every control the keyboard must reach (links, buttons, fields, scrollable regions) that Tab
 * did not reach, starting from the top of the page and tabbing through all of it.
 */
export async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const controls = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      return (
        box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
      );
    };
    const found = Array.from(document.querySelectorAll(selector)).filter(visible);
    found.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return found.map(
      (el) =>
        `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('name') || el.getAttribute('aria-label') || ''}"`,
    );
  });
  const reached = new Set<string>();
  // Start where a reader starts: before the first control of the page.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.id = 'keyboard-start';
    document.body.prepend(start);
    start.focus();
  });
  // A date or time field takes several presses of Tab (day, month, year, ...).
  for (let i = 0; i < controls.length * 4 + 10; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? null);
    if (id !== null) reached.add(id);
    if (reached.size === controls.length) break;
  }
  await page.evaluate(() => document.getElementById('keyboard-start')?.remove());
  return controls.filter((_, i) => !reached.has(String(i)));
}

/** A PNG of the page (the whole page; or the first screen, for documentation). */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // The keyboard checks leave the focus somewhere (often the skip link): not part of the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}
