import type { Exchange } from './recording-client';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A SHA-256 in hex: stories fingerprint texts that name ids, so these differ run to run too. */
const DIGEST = /\b[0-9a-f]{64}\b/g;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const INSTANT_IN_URL =
  /\d{4}-\d{2}-\d{2}T\d{2}(?::|%3A)\d{2}(?::|%3A)\d{2}(?:\.\d+)?(?:Z|(?:[+-]|%2B)\d{2}(?::|%3A)\d{2})/gi;
/** Where the two stores differ by design: positions in the global order and what hashes them. */
const storeSpecific = (key: string) =>
  /^(position|.+Position)$/.test(key) || /^(hash|prevHash)$/.test(key);
const POSITION_CURSOR = /([?&](?:after|before)=)-?\d+/g;

/**
 * A story's requests and answers with what legitimately differs between two runs taken out:
 * ids (and SHA-256 digests) become `#1`, `#2`, ... in the order they first appear, instants the ledger's clock
 * recorded become `<recorded>` (instants the story itself chose, before `recordedSince`, stay),
 * positions, cursors and hashes become placeholders. Everything else must be equal.
 */
export function normaliseExchanges(exchanges: Exchange[], recordedSince: number): unknown[] {
  const ids = new Map<string, string>();
  const id = (uuid: string) => {
    const key = uuid.toLowerCase();
    if (!ids.has(key)) ids.set(key, `#${ids.size + 1}`);
    return ids.get(key) as string;
  };
  const instant = (text: string) =>
    Date.parse(decodeURIComponent(text)) >= recordedSince ? '<recorded>' : text;
  // Problems echo the request's path (`instance`), with its instants URL-encoded.
  const text = (value: string) =>
    value
      .replace(UUID, id)
      .replace(DIGEST, id)
      .replace(INSTANT, instant)
      .replace(INSTANT_IN_URL, instant);
  const value = (input: unknown, key?: string): unknown => {
    if (key !== undefined && storeSpecific(key) && input !== null) return '<store>';
    // `/health`'s account of who writes the read models and how far: the deployment's.
    if (key === 'readModels') return '<deployment>';
    // `/health`'s background verification: how far it has come depends on when it was asked.
    if (key === 'integrity') return '<background>';
    if (key === 'next' && input !== null) return '<cursor>';
    if (typeof input === 'string') return text(input);
    if (Array.isArray(input)) return input.map((item) => value(item));
    if (input !== null && typeof input === 'object') {
      return Object.fromEntries(
        Object.entries(input)
          // `/health`'s count of the embedded store's group commits: only SQLite has them.
          .filter(([k]) => k !== 'groupCommits')
          .map(([k, v]) => [text(k), value(v, k)]),
      );
    }
    return input;
  };
  return exchanges.map((exchange) => ({
    request: `${exchange.method} ${exchange.path
      .replace(POSITION_CURSOR, '$1<cursor>')
      .replace(INSTANT_IN_URL, instant)
      .replace(UUID, id)}`,
    body: value(exchange.body),
    status: exchange.status,
    response: value(exchange.response),
  }));
}
