import type { Browser, Page } from 'playwright-core';
import { axeViolations, horizontalOverflow, screenshot, unreachableByKeyboard } from './checks';
import { openContext, VIEWPORTS, type ViewportName } from './chromium';
import type { RoleName } from './ledger';
import { signInAs } from './session';

export interface PageVisit {
  role: RoleName;
  javaScript: boolean;
  viewport: ViewportName;
  page: Page;
}

/**
 * Opens a page as one role, with JavaScript on and off, wide and at 360 px, and answers every
 * way it falls short: an axe-core violation of WCAG 2.2 AA, a request that tried to leave this
 * machine, a console error, content wider than the screen, a control the keyboard cannot reach,
 * a status other than the one expected. Each visit leaves a screenshot in test-output/.
 */
export async function visitAsRole(options: {
  browser: Browser;
  baseUrl: string;
  role: RoleName;
  name: string;
  path: string;
  status?: number;
  /** More checks on each visit; answers problems found. */
  also?: (visit: PageVisit) => Promise<string[]>;
}): Promise<string[]> {
  const problems: string[] = [];
  for (const javaScript of [true, false]) {
    // One signed-in reader per JavaScript setting, the page loaded afresh at each width.
    const { context, watch } = await openContext(options.browser, { viewport: 'wide', javaScript });
    try {
      const page = await signInAs(context, options.baseUrl, options.role);
      for (const viewport of ['wide', 'phone'] as const) {
        const label = `${options.name} as ${options.role}, JS ${javaScript ? 'on' : 'off'}, ${viewport}`;
        await page.setViewportSize(VIEWPORTS[viewport]);
        const response = await page.goto(`${options.baseUrl}${options.path}`);
        const status = response?.status();
        if (status !== (options.status ?? 200)) problems.push(`${label}: status ${status}`);
        if (javaScript) await page.waitForLoadState('networkidle');
        for (const v of await axeViolations(page)) {
          problems.push(
            `${label}: axe ${v.id} (${v.impact}) ${v.help} at ${v.nodes.slice(0, 3).join(', ')}`,
          );
        }
        if (viewport === 'phone') {
          const overflow = await horizontalOverflow(page);
          if (overflow > 1) problems.push(`${label}: ${overflow}px wider than the screen`);
        } else {
          for (const missed of await unreachableByKeyboard(page)) {
            problems.push(`${label}: the keyboard does not reach ${missed}`);
          }
        }
        if (options.also) {
          for (const p of await options.also({ role: options.role, javaScript, viewport, page })) {
            problems.push(`${label}: ${p}`);
          }
        }
        await screenshot(
          page,
          `${options.name}--${options.role}--${javaScript ? 'js' : 'no-js'}--${viewport}`,
        );
        problems.push(
          ...watch.external.map((url) => `${label}: request leaving this machine: ${url}`),
        );
        problems.push(...watch.consoleErrors.map((e) => `${label}: console error: ${e}`));
        // The next width reports its own (this one's, and the sign-in's, are reported above).
        watch.external.length = 0;
        watch.consoleErrors.length = 0;
      }
    } finally {
      await context.close();
    }
  }
  return problems;
}
