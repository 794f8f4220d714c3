import type { APIResponse, BrowserContext, Page, Response } from 'playwright-core';
import type { RoleName } from './ledger';
import { signInAs } from './session';
import type { StoriedSuite } from './storied-suite';

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

/** Sends the form and answers the response to its POST (the page it lands on). */
export async function sendForm(page: Page): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form.ledger-form button[type=submit]').click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response;
}

/** Sends the form expecting a refusal: answers the status and stays on the re-rendered form. */
export async function submitRefused(page: Page): Promise<number> {
  return (await sendForm(page)).status();
}

/** A form as the browser sends it: where to, and its body (url-encoded). */
export interface SentForm {
  action: string;
  body: string;
}

/** The form as the browser would send it again (a resend after a lost answer). */
export function formAsSent(page: Page): Promise<SentForm> {
  return page.evaluate(() => {
    const form = document.querySelector('form.ledger-form') as HTMLFormElement;
    const body = new URLSearchParams(
      new FormData(form) as unknown as Record<string, string>,
    ).toString();
    return { action: form.action, body };
  });
}

/** Sends a form again as a retry would (same key, same body); the redirect is not followed. */
export function sendAgain(page: Page, sent: SentForm): Promise<APIResponse> {
  return page.request.post(sent.action, {
    data: sent.body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    maxRedirects: 0,
  });
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

/** Signs in as `role` in this context and opens a form from the list of forms (`openFromList`). */
export async function openFormAs(
  context: BrowserContext,
  baseUrl: string,
  role: RoleName,
  formTitle: string,
  record?: string | RegExp,
): Promise<Page> {
  const page = await signInAs(context, baseUrl, role);
  await openFromList(page, baseUrl, formTitle, record);
  return page;
}

/** An event as the audit trail serves it to a reviewer. */
export interface AuditedEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The event recorded at a position (a form's receipt gives it), as the audit trail serves it. */
export async function eventAt(suite: StoriedSuite, position: number): Promise<AuditedEvent> {
  const answer = await suite.ledger.ledger.client
    .as('reviewer')
    .get<{ events: AuditedEvent[] }>(`/audit?after=${position - 1}&limit=1`);
  return answer.body.events[0];
}

/** The id at the end of a record's address: `/ui/investigations/<id>` → `<id>`. */
export const idOf = (href: string): string => href.slice(href.lastIndexOf('/') + 1);
