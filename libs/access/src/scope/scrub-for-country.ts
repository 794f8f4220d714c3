import type { CountryView } from './country-view';

/** Marks a value that is about something the country may not see. */
export const HIDDEN: unique symbol = Symbol('hidden');
export const WITHHELD = '[withheld]';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SUBJECT_STREAM = 'subject-';
const STREAM_ID = /^(?:contingent|incident|investigation|decision)-(.+)$/;

/**
 * Any answer of the API as a country's liaison may see it: a value that names a hidden id (or
 * the stream of one), or an object that belongs to another country (`country`), makes the
 * object holding it hidden; a list drops its hidden elements; free text keeps its words but
 * not the hidden ids inside it. The whole answer is HIDDEN when its top level is about
 * something hidden.
 */
export function scrubForCountry(value: unknown, view: CountryView): unknown {
  if (typeof value === 'string') return scrubString(value, view);
  if (Array.isArray(value)) {
    return value.map((item) => scrubForCountry(item, view)).filter((item) => item !== HIDDEN);
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.country === 'string' && record.country !== view.country) return HIDDEN;
    // Erasures (subject streams) are about data subjects of any case: never a country's to see.
    if (typeof record.streamId === 'string' && record.streamId.startsWith(SUBJECT_STREAM)) {
      return HIDDEN;
    }
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, field] of Object.entries(record)) {
      const scrubbed = scrubForCountry(field, view);
      if (scrubbed === HIDDEN) return HIDDEN;
      out[key] = scrubbed;
    }
    return out;
  }
  return value;
}

function scrubString(text: string, view: CountryView): string | typeof HIDDEN {
  if (view.hidden.has(text)) return HIDDEN;
  const stream = STREAM_ID.exec(text);
  if (stream && view.hidden.has(stream[1])) return HIDDEN;
  return text.replace(UUID, (id) => (view.hidden.has(id.toLowerCase()) ? WITHHELD : id));
}
