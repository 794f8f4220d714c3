import type { DecisionRecord, RecommendationRecord, AwaitingReply } from '@blue-ledger/projections';
import { eventLine, type EnvelopeView } from '../rendering/event-line';
import type { UnitName } from '../rendering/page-reads';

export interface HomeView {
  latest: {
    position: number;
    type: string;
    line: string;
    streamId: string;
    actor: string;
    role: string;
    recordedAt: string;
  }[];
  waiting: { total: number; items: (RecommendationRecord & { unit: string })[] };
  notCarriedOut: { total: number; items: (DecisionRecord & { unit: string })[] };
  /** For a liaison: the notifications about its units that await its reply. */
  awaitingReply: (AwaitingReply & { unit: string })[] | undefined;
  isLiaison: boolean;
}

export const unitLabel = (names: Map<string, UnitName>, id: string | null): string => {
  if (!id) return 'Not a unit (mission-wide)';
  const unit = names.get(id);
  return unit ? `${unit.designation} (${unit.country}, ${unit.missionCode})` : 'Unit not shown';
};

export function homeView(input: {
  latest: EnvelopeView[];
  waiting: { total: number; items: RecommendationRecord[] };
  notCarriedOut: { total: number; items: DecisionRecord[] };
  awaitingReply: AwaitingReply[] | undefined;
  names: Map<string, UnitName>;
  isLiaison: boolean;
}): HomeView {
  const { names } = input;
  return {
    latest: input.latest.map((e) => ({
      position: e.globalPosition,
      type: e.type,
      line: eventLine(e),
      streamId: e.streamId,
      actor: e.actor.id,
      role: e.actor.role,
      recordedAt: e.recordedAt,
    })),
    waiting: {
      total: input.waiting.total,
      items: input.waiting.items.map((r) => ({ ...r, unit: unitLabel(names, r.contingentId) })),
    },
    notCarriedOut: {
      total: input.notCarriedOut.total,
      items: input.notCarriedOut.items.map((d) => ({
        ...d,
        unit: unitLabel(names, d.contingentId),
      })),
    },
    awaitingReply: input.awaitingReply?.map((n) => ({
      ...n,
      unit: unitLabel(names, n.contingentId),
    })),
    isLiaison: input.isLiaison,
  };
}
