import type { BrowserContext, Page } from 'playwright-core';
import { READERS, type RoleName } from './ledger';

/** Signs in through the sign-in form, as a person would: the token typed once. */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/ui/sign-in`);
  await page.getByLabel('Access token').fill(token);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/ui/sign-in')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

export async function signInAs(
  context: BrowserContext,
  baseUrl: string,
  role: RoleName,
): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, baseUrl, READERS[role].token);
  return page;
}

/** An event of the audit trail's export, with the fields the as-of checks use. */
export interface ExportedEvent {
  globalPosition: number;
  streamId: string;
  type: string;
  recordedAt: string;
}

/** The whole audit trail as the signed-in page downloads it (`/ui/audit.ndjson`), in order. */
export async function auditTrailThroughPage(page: Page, baseUrl: string): Promise<ExportedEvent[]> {
  const body = await (await page.request.get(`${baseUrl}/ui/audit.ndjson`)).text();
  return body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportedEvent);
}
