import {
  presenceAfter,
  strengthOverTime,
  withDatedChangeOf,
  type ContingentEvent,
  type DatedChange,
  type EvaluationRating,
  type Presence,
  type RegisteredPresence,
  type StrengthPeriod,
  type UnitType,
} from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';

/** A mission the unit served in: where it was registered, then each re-hatting. */
export interface Deployment {
  missionCode: string;
  /** Registration: its deployedAt, or else when the ledger learnt of it; re-hatting: the date of the transfer. */
  since: string;
  via: 'registration' | 're_hatting';
  /** With a re-hatting: the regional or partner operation it came from. */
  fromOperation: string | null;
  fromMissionCode: string | null;
}

export interface CurrentRotation {
  rotationId: string;
  startedAt: string;
  strength: number | null;
  commanderSubjectId: string | null;
}

export interface ContingentState {
  contingentId: string;
  country: string;
  unitType: UnitType;
  designation: string;
  /** The mission it serves in now (after any re-hatting). */
  missionCode: string;
  sector: string | null;
  /** The strength it serves at, or left with while gone: the last one recorded. */
  strength: number | null;
  /** When it deployed, where the ledger knows it. */
  deployedAt: string | null;
  /** Deployed, or since when it is gone (withdrawn, repatriated), by whom and why. */
  presence: Presence;
  /** Its strength for each period, 0 while gone: see `strengthOverTime` in libs/domain. */
  strengthOverTime: StrengthPeriod[];
  registered: Recorded;
  deployments: Deployment[];
  currentRotation: CurrentRotation | null;
  rotationCount: number;
  latestEvaluation: {
    evaluationId: string;
    evaluatedAt: string;
    rating: EvaluationRating;
    summary: string;
  } | null;
  evaluationCount: number;
  commendationCount: number;
  notificationCount: number;
  responseCount: number;
  lastPosition: number;
}

/** What the read model keeps besides: what the strength over time is computed from. */
export interface StoredContingentState extends ContingentState {
  registeredAs: RegisteredPresence;
  datedChanges: readonly DatedChange[];
}

/** The state as answers show it, without what it is computed from. */
export function shownContingentState(doc: StoredContingentState): ContingentState {
  const { datedChanges: _datedChanges, registeredAs: _registeredAs, ...shown } = doc;
  return shown;
}

const CONTINGENT_EVENTS = new Set([
  'ContingentRegistered',
  'ContingentRotated',
  'ContingentReHatted',
  'ContingentEvaluated',
  'ContingentCommended',
  'ContingentWithdrawn',
  'ContingentReturned',
  'ContingentStrengthReported',
  'TccNotified',
  'TccResponseRecorded',
]);

/** The contingent an event of a contingent stream is about, or null for any other event. */
export function contingentIdOf(event: RecordedEvent): string | null {
  if (!CONTINGENT_EVENTS.has(event.type)) return null;
  const id = event.data.contingentId;
  return typeof id === 'string' ? id : null;
}

/**
 * The contingent after one more event: its facts, where it is (deployed, or gone since when and
 * why) and its strength over time, by the same functions the contingent's decider uses.
 */
export function evolveContingentState(
  doc: StoredContingentState | null,
  event: RecordedEvent,
): StoredContingentState | null {
  const after = evolveFacts(doc, event);
  if (after === null || after === doc) return after;
  const e = ledgerEventOf(event) as ContingentEvent;
  const datedChanges = withDatedChangeOf(after.datedChanges, e);
  return {
    ...after,
    presence: presenceAfter(after.presence, e),
    datedChanges,
    strengthOverTime:
      datedChanges === after.datedChanges
        ? after.strengthOverTime
        : strengthOverTime(after.registeredAs, datedChanges),
  };
}

function evolveFacts(
  doc: StoredContingentState | null,
  event: RecordedEvent,
): StoredContingentState | null {
  const e = ledgerEventOf(event);
  const recorded = recordedOf(event);
  if (e.type === 'ContingentRegistered') {
    if (doc !== null) return doc;
    const { data } = e;
    return {
      contingentId: data.contingentId,
      country: data.country,
      unitType: data.unitType,
      designation: data.designation,
      missionCode: data.missionCode,
      sector: data.sector ?? null,
      strength: data.strength ?? null,
      deployedAt: data.deployedAt ?? null,
      presence: { status: 'deployed' },
      strengthOverTime: [],
      registeredAs: {
        missionCode: data.missionCode,
        ...(data.strength === undefined ? {} : { strength: data.strength }),
      },
      datedChanges: [],
      registered: recorded,
      deployments: [
        {
          missionCode: data.missionCode,
          since: data.deployedAt ?? recorded.recordedAt,
          via: 'registration',
          fromOperation: null,
          fromMissionCode: null,
        },
      ],
      currentRotation: null,
      rotationCount: 0,
      latestEvaluation: null,
      evaluationCount: 0,
      commendationCount: 0,
      notificationCount: 0,
      responseCount: 0,
      lastPosition: recorded.position,
    };
  }
  if (doc === null) return null;
  const touched = { ...doc, lastPosition: recorded.position };
  switch (e.type) {
    case 'ContingentRotated': {
      const { data } = e;
      return {
        ...touched,
        strength: data.strength ?? doc.strength,
        currentRotation: {
          rotationId: data.rotationId,
          startedAt: data.startedAt,
          strength: data.strength ?? null,
          commanderSubjectId: data.commanderSubjectId ?? null,
        },
        rotationCount: doc.rotationCount + 1,
      };
    }
    case 'ContingentReHatted': {
      const { data } = e;
      return {
        ...touched,
        missionCode: data.toMissionCode,
        deployments: [
          ...doc.deployments,
          {
            missionCode: data.toMissionCode,
            since: data.at,
            via: 're_hatting',
            fromOperation: data.fromOperation,
            fromMissionCode: data.fromMissionCode,
          },
        ],
      };
    }
    case 'ContingentEvaluated': {
      const { evaluationId, evaluatedAt, rating, summary } = e.data;
      return {
        ...touched,
        latestEvaluation: { evaluationId, evaluatedAt, rating, summary },
        evaluationCount: doc.evaluationCount + 1,
      };
    }
    case 'ContingentCommended':
      return { ...touched, commendationCount: doc.commendationCount + 1 };
    case 'ContingentWithdrawn':
      return touched;
    case 'ContingentReturned':
      return { ...touched, strength: e.data.strength ?? doc.strength };
    case 'ContingentStrengthReported':
      return touched;
    case 'TccNotified':
      return { ...touched, notificationCount: doc.notificationCount + 1 };
    case 'TccResponseRecorded':
      return { ...touched, responseCount: doc.responseCount + 1 };
    default:
      return doc;
  }
}
