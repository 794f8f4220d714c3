const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** How the pages write values: one place, so that every page reads alike. */
export const format = {
  /** `17 Feb 2016, 19:00 UTC`; the instant as recorded stays in the element's datetime. */
  dateTime(iso: string | null | undefined): string {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  },

  date(iso: string | null | undefined): string {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  },

  /** The ISO instant, normalised to UTC, for `<time datetime>`. */
  iso(iso: string | null | undefined): string {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toISOString();
  },

  /** Whole days from `iso` to now: `412 days`. */
  age(iso: string | null | undefined, nowMs: number = Date.now()): string {
    if (!iso) return '—';
    const days = Math.floor((nowMs - Date.parse(iso)) / DAY_MS);
    if (Number.isNaN(days)) return '—';
    if (days < 1) return 'less than a day';
    return days === 1 ? '1 day' : `${days.toLocaleString('en-GB')} days`;
  },

  /** `attack_on_poc_site` → `Attack on POC site`; the vocabulary as people read it. */
  label(value: string | null | undefined): string {
    if (!value) return '—';
    const words = value.split('_').map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  },

  /** `InvestigationOpened` → `Investigation opened`. */
  eventType(type: string): string {
    const text = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return (text.charAt(0).toUpperCase() + text.slice(1)).replace(/\btcc\b/i, 'TCC');
  },

  /** The first and last characters of a hash, for tables; the whole hash is given beside it. */
  shortHash(hash: string | null | undefined): string {
    if (!hash) return '—';
    return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash;
  },

  number(value: number | string | null | undefined): string {
    if (value === null || value === undefined || value === '') return '—';
    const n = Number(value);
    return Number.isFinite(n) ? n.toLocaleString('en-GB') : String(value);
  },

  /** JSON as a reader sees it, two spaces indented (escaped like any interpolation). */
  json(value: unknown): string {
    return JSON.stringify(value, null, 2);
  },
};

const ACRONYMS = new Set(['poc', 'sofa', 'oios', 'srsg', 'tcc', 'un', 'au']);

export type Format = typeof format;
