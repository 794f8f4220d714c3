import type { RecordedEvent } from '@blue-ledger/event-store';
import { ledgerEventOf } from './ledger-event-of';

/** The ids an event involves, by the name of the field that holds them. */
export type InvolvedIds = Record<string, string | string[]>;

const ID_FIELD = /Ids?$/;
/** Persons are referred to by subject id; a timeline has no need to show them. */
const PERSON_FIELD = /subject/i;

/**
 * Every top-level `...Id` / `...Ids` field of the event's data except persons', plus the links
 * held under other names: the notification a reply answers, the subject of a notification,
 * the recommendation a decision answers.
 */
export function idsInvolved(event: RecordedEvent): InvolvedIds {
  const e = ledgerEventOf(event);
  const ids: InvolvedIds = {};
  for (const [field, value] of Object.entries(e.data)) {
    if (!ID_FIELD.test(field) || PERSON_FIELD.test(field)) continue;
    if (typeof value === 'string' || isStringArray(value)) ids[field] = value;
  }
  if (e.type === 'TccNotified') ids.subjectStreamId = e.data.subjectStreamId;
  if (e.type === 'TccResponseRecorded') ids.notificationId = e.data.regarding;
  if (e.type === 'RepatriationDecided' && e.data.recommendation !== undefined) {
    ids.recommendationId = e.data.recommendation.recommendationId;
    ids.investigationId = e.data.recommendation.investigationId;
  }
  return ids;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
