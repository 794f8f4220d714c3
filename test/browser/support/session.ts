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
