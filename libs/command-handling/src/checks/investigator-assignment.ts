import { investigationDecider, streamIds } from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';

/** The actor may not write in this investigation (HTTP 403 `not_assigned`). */
export class NotAssignedError extends Error {
  override readonly name = 'NotAssignedError';
  readonly code = 'not_assigned';
  constructor() {
    super('Only an investigator assigned to this investigation may write in it.');
  }
}

/**
 * An investigator writes only in the investigations it is assigned to (InvestigatorAssigned;
 * the one who opens an investigation is assigned by opening it). Read from the investigation's
 * own stream, folded: assignments are never withdrawn, so the check cannot go stale before the
 * append. Other roles the permission table lets in (an admin assigning) are not assigned.
 */
export async function requireAssigned(
  reader: AggregateReader,
  investigationId: string,
  actor: { id: string; role: string },
): Promise<void> {
  if (actor.role !== 'investigator') return;
  const { state } = await reader.load(
    streamIds.investigation(investigationId),
    investigationDecider,
  );
  if (state.status === 'not_opened') return;
  if (!state.investigators.includes(actor.id)) {
    throw new NotAssignedError();
  }
}
