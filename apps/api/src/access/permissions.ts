import type { Role } from '@blue-ledger/domain';

/** A route anyone may call, without credentials. */
export const PUBLIC = 'public';

/** Every role that reads the whole ledger (personal details redacted unless need-to-know). */
const READERS: Role[] = ['admin', 'investigator', 'decision_authority', 'oversight', 'reviewer'];
/** The readers, and a contributing country's liaison, whose answers are scoped to its units. */
const READERS_AND_LIAISONS: Role[] = [...READERS, 'tcc_liaison'];

/**
 * Who may call what: the one permission table, keyed by `METHOD /express/route/:pattern`. The
 * access guard refuses any route that is not here; a request acts in the first of the
 * principal's roles that the entry lists. Scoping within a route (an investigator's own
 * investigations, a liaison's own country) is applied on top of this table.
 */
export const PERMISSIONS: Record<string, readonly Role[] | typeof PUBLIC> = {
  'GET /health': PUBLIC,
  // Whether the background verification found the record whole: what /health says, as a status.
  'GET /health/integrity': PUBLIC,
  // `/` sends a browser to the web pages.
  'GET /': PUBLIC,

  'POST /missions': ['admin'],
  'GET /missions': READERS_AND_LIAISONS,
  'GET /missions/:code': READERS_AND_LIAISONS,
  // Appointments and departures are the mission's record, kept like missions and contingents.
  'POST /missions/:code/leaders': ['admin'],
  'POST /missions/:code/leaders/:appointmentId/departure': ['admin'],
  // A liaison sees the leaders of its own nationality, and their histories.
  'GET /missions/:code/leaders/:appointmentId/history': READERS_AND_LIAISONS,

  'POST /contingents': ['admin'],
  'POST /contingents/:id/rotations': ['admin'],
  'POST /contingents/:id/rehatting': ['admin'],
  'POST /contingents/:id/evaluations': ['admin'],
  'POST /contingents/:id/commendations': ['admin'],
  'POST /contingents/:id/withdrawal': ['admin'],
  'POST /contingents/:id/return': ['admin'],
  'POST /contingents/:id/notifications': ['investigator'],
  'POST /contingents/:id/replies': ['tcc_liaison'],
  'GET /contingents': READERS_AND_LIAISONS,
  'GET /contingents/:id': READERS_AND_LIAISONS,
  'GET /contingents/:id/history': READERS_AND_LIAISONS,

  // An investigator changes only incidents it answers for: reported, assigned to, or covered
  // by an investigation it is assigned to (checked on the streams); admins assign too.
  'POST /incidents': ['investigator'],
  'POST /incidents/:id/investigators': ['investigator', 'admin'],
  'POST /incidents/:id/amendments': ['investigator'],
  'POST /incidents/:id/units': ['investigator'],
  'POST /incidents/:id/closure': ['investigator'],
  'POST /incidents/:id/reopening': ['investigator'],
  'GET /incidents': READERS_AND_LIAISONS,
  'GET /incidents/:id': READERS_AND_LIAISONS,
  'GET /incidents/:id/timeline': READERS_AND_LIAISONS,

  // Investigators write only in the investigations they are assigned to (checked on the stream).
  'POST /investigations': ['investigator'],
  'POST /investigations/:id/investigators': ['investigator', 'admin'],
  'POST /investigations/:id/national-investigator': ['investigator'],
  'POST /investigations/:id/evidence': ['investigator'],
  'POST /investigations/:id/evidence/:evidenceId/custody': ['investigator'],
  'POST /investigations/:id/findings': ['investigator'],
  'POST /investigations/:id/findings/:findingId/revisions': ['investigator'],
  'POST /investigations/:id/findings/:findingId/withdrawal': ['investigator'],
  'POST /investigations/:id/namings': ['investigator'],
  'POST /investigations/:id/recommendations': ['investigator'],
  'POST /investigations/:id/reports': ['investigator'],
  'POST /investigations/:id/closure': ['investigator'],
  'POST /investigations/:id/reopening': ['investigator'],
  'GET /investigations/:id': READERS,

  'POST /decisions': ['decision_authority'],
  'POST /decisions/:id/implementation': ['decision_authority'],
  'POST /decisions/:id/reversal': ['decision_authority'],
  'POST /decisions/:id/lapse': ['decision_authority'],
  'GET /decisions/:id': READERS_AND_LIAISONS,

  'GET /recommendations': READERS_AND_LIAISONS,
  'GET /follow-through': READERS_AND_LIAISONS,
  // A liaison sees its own country's deadlines.
  'GET /deadlines': READERS_AND_LIAISONS,
  // Oversight, reviewers and admins; a liaison gets its own country's row, computed from its records.
  'GET /fairness': ['admin', 'oversight', 'reviewer', 'tcc_liaison'],
  'GET /fairness/records': ['admin', 'oversight', 'reviewer', 'tcc_liaison'],
  'GET /audit': READERS_AND_LIAISONS,
  'GET /streams/:streamId': READERS_AND_LIAISONS,

  // Heads, keys and proofs are hashes and positions: anyone who reads may check the record.
  'GET /integrity/head': READERS_AND_LIAISONS,
  'GET /integrity/heads': READERS_AND_LIAISONS,
  'GET /integrity/public-key': READERS_AND_LIAISONS,
  'GET /integrity/proofs/inclusion': READERS_AND_LIAISONS,
  'GET /integrity/proofs/consistency': READERS_AND_LIAISONS,
  'POST /integrity/heads': ['admin', 'oversight'],
  'POST /integrity/verification': READERS,

  'POST /principals': ['admin'],
  'GET /principals': ['admin'],
  'POST /principals/:id/tokens': ['admin'],
  'DELETE /principals/:id/tokens': ['admin'],
  'POST /subjects/:subjectId/erasure': ['admin'],
  'GET /access-log': ['oversight', 'admin'],

  // The web pages: the same roles as the JSON routes they read. Signing in and the pages'
  // own style sheet and scripts need no session; every POST carries a CSRF token.
  'GET /ui/sign-in': PUBLIC,
  'POST /ui/sign-in': PUBLIC,
  'POST /ui/sign-out': READERS_AND_LIAISONS,
  'GET /ui/assets/:file': PUBLIC,
  'GET /ui': READERS_AND_LIAISONS,
  'GET /ui/incidents': READERS_AND_LIAISONS,
  'GET /ui/incidents.csv': READERS_AND_LIAISONS,
  'GET /ui/incidents/:id': READERS_AND_LIAISONS,
  'GET /ui/incidents/:id/timeline': READERS_AND_LIAISONS,
  'GET /ui/contingents': READERS_AND_LIAISONS,
  'GET /ui/contingents/:id': READERS_AND_LIAISONS,
  'GET /ui/follow-through': READERS_AND_LIAISONS,
  'GET /ui/fairness': ['admin', 'oversight', 'reviewer', 'tcc_liaison'],
  'GET /ui/fairness.csv': ['admin', 'oversight', 'reviewer', 'tcc_liaison'],
  // As `GET /investigations/:id`: the readers of the whole ledger.
  'GET /ui/investigations/:id': READERS,
  'GET /ui/audit': READERS_AND_LIAISONS,
  'GET /ui/audit.ndjson': READERS_AND_LIAISONS,
  'GET /ui/audit.csv': READERS_AND_LIAISONS,
  'GET /ui/events/:position': READERS_AND_LIAISONS,
  'GET /ui/events/:position/proof.json': READERS_AND_LIAISONS,
  'GET /ui/integrity': READERS_AND_LIAISONS,
  'GET /ui/integrity/public-key.pem': READERS_AND_LIAISONS,
  'GET /ui/integrity/head.json': READERS_AND_LIAISONS,
  'POST /ui/integrity/verification': READERS,
  // The web forms: each form admits only the roles of the API route it writes through (its
  // entry above), checked by the form itself, so that a crafted POST is refused as by the API.
  'GET /ui/forms': READERS_AND_LIAISONS,
  'GET /ui/forms/:form': READERS_AND_LIAISONS,
  'POST /ui/forms/:form': READERS_AND_LIAISONS,
  'GET /ui/forms/receipts/:position': READERS_AND_LIAISONS,
  // As `GET /principals`: admins only.
  'GET /ui/principals': ['admin'],
  // Any other address under /ui: a page saying it is not there.
  'GET /ui/*path': PUBLIC,
};

export const permissionOf = (method: string, routePath: string) =>
  PERMISSIONS[`${method.toUpperCase()} ${routePath}`];
