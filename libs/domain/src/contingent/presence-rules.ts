import {
  requireCount,
  requireOneOf,
  requireText,
  RuleViolation,
  WITHDRAWAL_BY,
  type WithdrawalBy,
} from '../shared';
import { requireIsoInstant } from '../shared/time';
import type {
  RegisteredContingent,
  ReturnContingent,
  WithdrawContingent,
} from './contingent.decider';
import type { ContingentEvent, ContingentReturned, ContingentWithdrawn } from './contingent.events';
import { absences } from './strength-over-time';

/** Whether the unit serves in its mission now, or since when it is gone and why. */
export type Presence =
  | { status: 'deployed'; since?: string }
  | {
      status: 'withdrawn' | 'repatriated';
      since: string;
      by: WithdrawalBy;
      reason: string;
      decisionId?: string;
    };

const millis = (iso: string): number => Date.parse(iso);

/** Where the unit is after one more event of its stream: deployed, or gone since when and why. */
export function presenceAfter(presence: Presence, event: ContingentEvent): Presence {
  switch (event.type) {
    case 'ContingentRegistered': {
      const { deployedAt } = event.data;
      return { status: 'deployed', ...(deployedAt === undefined ? {} : { since: deployedAt }) };
    }
    case 'ContingentWithdrawn': {
      const { at, by, reason, decisionId } = event.data;
      return {
        status: decisionId === undefined ? 'withdrawn' : 'repatriated',
        since: at,
        by,
        reason,
        ...(decisionId === undefined ? {} : { decisionId }),
      };
    }
    case 'ContingentReturned':
      return { status: 'deployed', since: event.data.at };
    default:
      return presence;
  }
}

/**
 * A deployed unit is withdrawn, by its country or by the UN, with a reason; a withdrawal that
 * records the implementation of a decision to repatriate it is the UN's and names the
 * decision. It is dated no earlier than anything dated in the unit's record (its deployment,
 * rotations, re-hattings, its last return), so that its strength over time never contradicts
 * itself.
 */
export function decideWithdrawal(
  { data }: WithdrawContingent,
  state: RegisteredContingent,
): ContingentWithdrawn {
  const { at, by, reason, decisionId } = data;
  if (state.presence.status !== 'deployed') {
    throw new RuleViolation(
      'contingent_not_deployed',
      `the unit is ${state.presence.status} since ${state.presence.since}`,
    );
  }
  requireIsoInstant(at, 'at');
  const latest = state.datedChanges.reduce<string | undefined>(
    (last, change) => (last === undefined || millis(change.at) > millis(last) ? change.at : last),
    undefined,
  );
  if (latest !== undefined && millis(at) < millis(latest)) {
    throw new RuleViolation(
      'withdrawn_before_last_record',
      `the unit's record runs to ${latest}; a withdrawal cannot precede it`,
      'at',
    );
  }
  requireOneOf(by, WITHDRAWAL_BY, 'by');
  requireText(reason, 'reason');
  if (decisionId !== undefined) {
    requireText(decisionId, 'decisionId');
    if (by !== 'united_nations') {
      throw new RuleViolation(
        'decision_is_united_nations',
        'a repatriation decided by the UN is a withdrawal by the united_nations',
        'by',
      );
    }
  }
  return {
    type: 'ContingentWithdrawn',
    occurredAt: at,
    data: {
      contingentId: state.contingentId,
      at,
      by,
      reason,
      ...(decisionId === undefined ? {} : { decisionId }),
    },
  };
}

/** A unit that is gone returns, not before it left; at the strength given or the one it left with. */
export function decideReturn(
  { data }: ReturnContingent,
  state: RegisteredContingent,
): ContingentReturned {
  const { presence } = state;
  if (presence.status === 'deployed') {
    throw new RuleViolation('contingent_not_withdrawn', 'the unit is deployed: it has not left');
  }
  requireIsoInstant(data.at, 'at');
  if (millis(data.at) < millis(presence.since)) {
    throw new RuleViolation(
      'returned_before_withdrawn',
      `the unit left on ${presence.since}; it cannot return before that`,
      'at',
    );
  }
  if (data.strength !== undefined) requireCount(data.strength, 'strength');
  return {
    type: 'ContingentReturned',
    occurredAt: data.at,
    data: {
      contingentId: state.contingentId,
      at: data.at,
      ...(data.strength === undefined ? {} : { strength: data.strength }),
    },
  };
}

/**
 * A rotation or a re-hatting is dated while the unit served: not before its deployment, where
 * the record knows it, and not while it was gone.
 */
export function requireDeployedAt(state: RegisteredContingent, at: string, field: string): void {
  if (state.deployedAt !== undefined && millis(at) < millis(state.deployedAt)) {
    throw new RuleViolation(
      'before_deployment',
      `the unit deployed on ${state.deployedAt}; nothing of it is dated before that`,
      field,
    );
  }
  const gone = absences(state.datedChanges).find(
    ({ from, to }) => millis(at) >= millis(from) && (to === null || millis(at) < millis(to)),
  );
  if (gone !== undefined) {
    throw new RuleViolation(
      'contingent_not_deployed',
      `the unit was gone from ${gone.from}${gone.to === null ? '' : ` to ${gone.to}`}`,
      field,
    );
  }
}
