import type { SqliteDatabase } from '../sqlite/database';
import { ENVELOPES } from '../audit-trail/event-envelopes';
import { FACTS_TABLE } from './contingent-history.tables';

/** A contributing country told of an allegation or a finding about its unit, with no reply yet. */
export interface AwaitingReply {
  contingentId: string;
  notificationId: string;
  country: string;
  /** The stream the notification is about: an incident, investigation or decision. */
  subjectStreamId: string;
  notifiedAt: string;
  channel: string;
  recordedAt: string;
  position: number;
}

interface FactRow {
  contingent_id: string;
  position: number;
  recorded_at: string;
  type: string;
  data: string;
}

/**
 * The notifications to these contingents that no reply answers yet, the oldest first: what a
 * contributing country's liaison owes a reply to. Read from the contingents' histories.
 */
export function getNotificationsAwaitingReply(
  db: SqliteDatabase,
  contingentIds: readonly string[],
  upTo?: number,
): AwaitingReply[] {
  if (contingentIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT f.contingent_id, f.position, e.recorded_at, e.type, e.data
       FROM ${FACTS_TABLE} f JOIN ${ENVELOPES} e ON e.global_position = f.position
       WHERE f.contingent_id IN (SELECT value FROM json_each(?))
         AND f.kind IN ('notification', 'response')
         AND f.position <= ?
       ORDER BY f.position`,
    )
    .all(JSON.stringify(contingentIds), upTo ?? Number.MAX_SAFE_INTEGER) as FactRow[];
  const answered = new Set<string>();
  const notifications: AwaitingReply[] = [];
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (row.type === 'TccResponseRecorded') {
      answered.add(String(data.regarding));
    } else if (row.type === 'TccNotified') {
      notifications.push({
        contingentId: row.contingent_id,
        notificationId: String(data.notificationId),
        country: String(data.country),
        subjectStreamId: String(data.subjectStreamId),
        notifiedAt: String(data.notifiedAt),
        channel: String(data.channel),
        recordedAt: row.recorded_at,
        position: row.position,
      });
    }
  }
  return notifications.filter((n) => !answered.has(n.notificationId));
}
