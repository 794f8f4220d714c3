import type { Page } from 'playwright-core';

export type FormValue = string | string[] | boolean;

/**
 * Fills a ledger form as a person would, field by field, by the fields' names (the API's field
 * paths): text is typed, a choice chosen, boxes ticked. Lists tick each value given.
 */
export async function fillForm(page: Page, values: Record<string, FormValue>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`form.ledger-form [name="${name}"]`);
    if ((await field.count()) === 0) {
      const said = (await page.textContent('main'))?.replace(/\s+/g, ' ').slice(0, 400);
      throw new Error(`No field ${name} on ${page.url()}: ${said}`);
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        await page.locator(`form.ledger-form input[name="${name}"][value="${item}"]`).check();
      }
      continue;
    }
    if (typeof value === 'boolean') {
      if (value) await field.check();
      else await field.uncheck();
      continue;
    }
    const kind = await field
      .first()
      .evaluate((el) => `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).type ?? ''}`);
    if (kind.startsWith('select')) await field.selectOption(value);
    else if (kind === 'input:radio') {
      await page.locator(`form.ledger-form input[name="${name}"][value="${value}"]`).check();
    } else await field.fill(value);
  }
}

/** Sends the form and waits for its receipt; answers the position of the event recorded. */
export async function submitForm(page: Page): Promise<{ position: number; recordHref: string }> {
  await Promise.all([
    page.waitForURL(/\/ui\/forms\/receipts\/\d+$/),
    page.locator('form.ledger-form button[type=submit]').click(),
  ]);
  const position = Number(await page.textContent('[data-receipt-position]'));
  const recordHref =
    (await page.locator('#receipt a', { hasText: /^Go to the/ }).getAttribute('href')) ?? '';
  return { position, recordHref };
}

/** Sends the form expecting a refusal: answers the status and stays on the re-rendered form. */
export async function submitRefused(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form.ledger-form button[type=submit]').click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response.status();
}

/** Opens a form from the list of forms (/ui/forms): the section of the form, the record's link. */
export async function openFromList(
  page: Page,
  baseUrl: string,
  formTitle: string,
  record?: string | RegExp,
): Promise<void> {
  await page.goto(`${baseUrl}/ui/forms`);
  const section = page.locator('section', {
    has: page.getByRole('heading', { name: formTitle, exact: true }),
  });
  const link = record
    ? section.getByRole('link', { name: record }).first()
    : section.getByRole('link', { name: formTitle, exact: true });
  await Promise.all([page.waitForURL(/\/ui\/forms\/[a-z-]+/), link.click()]);
}

/** The id at the end of a record's address: `/ui/investigations/<id>` → `<id>`. */
export const idOf = (href: string): string => href.slice(href.lastIndexOf('/') + 1);
