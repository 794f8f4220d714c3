import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: never a downloaded browser build. `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium. `launch` gives every browser a fresh user data directory of its own (a new
 * temporary profile, removed when it closes), and every context is a clean profile too.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y chromium (the browser tier needs Debian's Chromium)`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return { browser, close: () => browser.close() };
}

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  wide: { width: 1280, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * What a page did that a test must know of: every request that tried to leave this machine
 * (each is refused, so nothing leaves), and every console error or uncaught exception.
 */
export interface PageWatch {
  external: string[];
  consoleErrors: string[];
}

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** A browser context as one reader: viewport, JavaScript on or off; requests off this machine are aborted and noted. */
export async function openContext(
  browser: Browser,
  options: { viewport: ViewportName; javaScript: boolean },
): Promise<{ context: BrowserContext; watch: PageWatch }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[options.viewport],
    javaScriptEnabled: options.javaScript,
    acceptDownloads: true,
    serviceWorkers: 'block',
  });
  const watch: PageWatch = { external: [], consoleErrors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    watch.external.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watchPage(page, watch));
  return { context, watch };
}

export function watchPage(page: Page, watch: PageWatch): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium notes every document answered with an error status (a refused sign-in is 401,
    // a missing page 404): the tests assert those statuses themselves. A subresource that
    // fails to load is still an error.
    const documentStatus =
      message.text().startsWith('Failed to load resource: the server responded with a status') &&
      message.location().url === page.url();
    if (!documentStatus) watch.consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(`${page.url()}: ${error.message}`));
}

/**
 * Runs `use` in a fresh context (see `openContext`) and closes the context afterwards, whether
 * `use` passed or threw.
 */
export async function inContext<T>(
  browser: Browser,
  options: { viewport: ViewportName; javaScript: boolean },
  use: (opened: { context: BrowserContext; watch: PageWatch }) => Promise<T>,
): Promise<T> {
  const opened = await openContext(browser, options);
  try {
    return await use(opened);
  } finally {
    await opened.context.close();
  }
}
