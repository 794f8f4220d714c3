import { afterInstant } from './clock';
import type { LedgerClient } from './http-client';
import { startApp, type RunningApp } from './in-process-app';
import type { PrincipalName } from './principals';

/**
 * The oracle for everything a contributing country's liaison is told: the same story recorded
 * on a whole ledger and on a ledger holding only that country's part of it (and what every
 * country shares, such as missions). Whatever the liaison asks, its answer on the whole ledger
 * must be the answer on its country's own ledger: lists, pages, totals, medians, timelines.
 * Any aggregate added later (deadlines, fairness) is checked by adding its request.
 */

/** Whose a step of a story is: a country's (ISO alpha-3), or everyone's. */
export type Part = string | 'shared';

export interface StoryRecorder {
  /** The ledger being recorded into. */
  client: LedgerClient;
  /** Records the step, unless this ledger holds only another country's part. */
  step(part: Part, record: (client: LedgerClient) => Promise<void>): Promise<void>;
  /** Names an id the story made, so that answers can be compared across ledgers. */
  name(name: string, id: string): string;
  /** An id named before. */
  id(name: string): string;
  /**
   * Names the instant the story has reached on this ledger (every ledger marks it, whatever
   * part it holds), for reads as of it: what was recorded so far is known then, nothing after.
   */
  mark(name: string): Promise<void>;
}

export type Story = (recorder: StoryRecorder) => Promise<void>;

export interface RecordedLedger {
  running: RunningApp;
  ids: Map<string, string>;
  /** The instants the story marked on this ledger, by name. */
  instants: Map<string, string>;
}

export interface OwnCountryLedgers {
  whole: RecordedLedger;
  own: Record<string, RecordedLedger>;
  /** When recording began: instants from then on are the ledgers' own clock. */
  recordedSince: number;
  close(): Promise<void>;
}

async function record(story: Story, country: string | undefined): Promise<RecordedLedger> {
  const running = await startApp();
  const ids = new Map<string, string>();
  const instants = new Map<string, string>();
  await story({
    client: running.client,
    async step(part, step) {
      if (country === undefined || part === 'shared' || part === country) {
        await step(running.client);
      }
    },
    name(name, id) {
      ids.set(name, id);
      return id;
    },
    id(name) {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`the story named no ${name} on this ledger`);
      return id;
    },
    async mark(name) {
      const instant = new Date().toISOString();
      instants.set(name, instant);
      // The next event is recorded strictly after the instant.
      await afterInstant(instant);
    },
  });
  return { running, ids, instants };
}

/** The story on a whole ledger, and once more on a ledger of each country's own part. */
export async function recordOnOwnCountryLedgers(
  story: Story,
  countries: string[],
): Promise<OwnCountryLedgers> {
  const recordedSince = Date.now();
  const whole = await record(story, undefined);
  const own: Record<string, RecordedLedger> = {};
  for (const country of countries) own[country] = await record(story, country);
  return {
    whole,
    own,
    recordedSince,
    async close() {
      await Promise.all([whole, ...Object.values(own)].map((ledger) => ledger.running.close()));
    },
  };
}

/**
 * A request by a template over the story's named ids and instants, e.g.
 * ({ id }) => `/contingents/${id('eth')}`, ({ instant }) => `/follow-through?asOf=${instant('midway')}`
 * (an instant the ledger's clock recorded compares as `<recorded>`, see `comparable`).
 */
export type Request = (named: {
  id(name: string): string;
  instant(name: string): string;
}) => string;

/**
 * What `as` is answered on `ledger` for each request, every page of a list included (walked
 * with `after` = `next` until the last), normalised for comparison across ledgers (see
 * `comparable`).
 */
export async function answersOn(
  ledger: RecordedLedger,
  as: PrincipalName,
  requests: Request[],
  recordedSince: number,
): Promise<unknown[]> {
  const client = ledger.running.client.as(as);
  const id = (name: string) => {
    const value = ledger.ids.get(name);
    if (value === undefined) throw new Error(`no id named ${name}`);
    return value;
  };
  const instant = (name: string) => {
    const value = ledger.instants.get(name);
    if (value === undefined) throw new Error(`no instant named ${name}`);
    return value;
  };
  const answers: unknown[] = [];
  for (const request of requests) {
    const path = request({ id, instant });
    const pages: unknown[] = [];
    let next: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const url: string = next === null ? path : `${path}${separator}after=${next}`;
      const response = await client.get(url);
      pages.push({ status: response.status, body: response.body });
      next = (response.body as { next?: string | null } | undefined)?.next ?? null;
      if (pages.length > 100) throw new Error(`${path} pages on and on`);
    } while (next !== null);
    answers.push({ request: path.replace(UUID, '<id>'), pages });
  }
  return comparable(answers, ledger.ids, recordedSince);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DIGEST = /\b[0-9a-f]{64}\b/g;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
/** Where two ledgers differ by nature: the global order and what hashes it. */
const PLACE_IN_THE_LEDGER = /^(position|.+Position|hash|prevHash|next)$/;
/** Durations in days from the ledgers' own clocks, which recorded the two runs apart. */
const DAYS = /^(days|medianDays)$/;

/**
 * Answers with what legitimately differs between two ledgers taken out: named ids become their
 * names, other ids and digests `#1`, `#2`, ... in the order they first appear, instants the
 * ledger's clock recorded `<recorded>`, positions, cursors and hashes `<position>` (a null stays
 * null: whether there is a next page must agree). Durations in days stay numbers: see
 * `expectSameAnswers`.
 */
export function comparable(
  answers: unknown,
  named: Map<string, string>,
  recordedSince: number,
): unknown[] {
  const names = new Map([...named].map(([name, id]) => [id.toLowerCase(), `<${name}>`]));
  const others = new Map<string, string>();
  const idOf = (text: string) => {
    const key = text.toLowerCase();
    const known = names.get(key) ?? others.get(key);
    if (known) return known;
    others.set(key, `#${others.size + 1}`);
    return others.get(key) as string;
  };
  const text = (value: string) =>
    value
      .replace(UUID, idOf)
      .replace(DIGEST, idOf)
      .replace(INSTANT, (instant) =>
        Date.parse(instant) >= recordedSince ? '<recorded>' : instant,
      );
  const walk = (value: unknown, key?: string): unknown => {
    if (key !== undefined && PLACE_IN_THE_LEDGER.test(key) && value !== null) return '<position>';
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), walk(v, k)]));
    }
    return value;
  };
  return walk(answers) as unknown[];
}

/**
 * The liaison's answers on the whole ledger equal those on its country's own ledger. Durations
 * in days (`days`, `medianDays`) come from each ledger's clock, which recorded the two runs
 * seconds apart, and are rounded to hundredths: they may differ by one hundredth, no more.
 */
export function expectSameAnswers(onWhole: unknown, onOwn: unknown): void {
  expect(alignDurations(onWhole, onOwn)).toEqual(onOwn);
}

function alignDurations(actual: unknown, expected: unknown, inDays = false): unknown {
  if (inDays && typeof actual === 'number' && typeof expected === 'number') {
    return Math.abs(actual - expected) <= 0.0101 ? expected : actual;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.map((item, i) => alignDurations(item, expected[i], inDays));
  }
  if (
    actual !== null &&
    expected !== null &&
    typeof actual === 'object' &&
    typeof expected === 'object' &&
    !Array.isArray(actual)
  ) {
    const other = expected as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(actual).map(([k, v]) => [
        k,
        alignDurations(v, other[k], inDays || DAYS.test(k)),
      ]),
    );
  }
  return actual;
}
