import type { Browser } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startStoriedLedger, type StoriedLedger } from './ledger';

export interface StoriedSuite {
  ledger: StoriedLedger;
  browser: Browser;
  baseUrl: string;
}

/**
 * A describe block's ledger (the built app, the three stories recorded through the API) and
 * browser, started before its tests and stopped after them. Read the fields in the tests.
 */
export function storiedSuite(): StoriedSuite {
  const suite = {} as StoriedSuite;
  let chromium: LaunchedBrowser | undefined;
  beforeAll(async () => {
    suite.ledger = await startStoriedLedger();
    suite.baseUrl = suite.ledger.baseUrl;
    chromium = await launchChromium();
    suite.browser = chromium.browser;
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await suite.ledger?.stop();
  });
  return suite;
}
