import {
  investigationDecider,
  REPATRIATION_ACTIONS,
  streamIds,
  type Attribution,
  type InvestigationKind,
  type RecommendationAction,
} from '@blue-ledger/domain';
import { actors, INVESTIGATORS } from './bench-principals';
import { notifyCountry } from './contingent-facts';
import { decisionStory } from './decision-story';
import {
  EVIDENCE_KINDS,
  FINDING_CATEGORIES,
  RECOMMENDATION_ACTIONS,
  SEVERITIES,
} from './domain-proportions';
import type { Story, World } from './story-step';

interface Finding {
  id: string;
  unit?: string;
  withdrawn: boolean;
}

/**
 * One investigation into an incident: evidence with custody, findings (some revised, a few
 * withdrawn), namings of units, recommendations, sometimes a decision on each repatriation
 * asked for, a report, and often its closure.
 */
export function* investigationStory(
  world: World,
  incidentId: string,
  units: string[],
  kind: InvestigationKind,
): Story {
  const { rnd } = world;
  const investigator = rnd.chance(0.5) ? INVESTIGATORS[0] : rnd.pick(INVESTIGATORS);
  const as = actors.investigator(investigator);
  let investigationId = '';
  let stream = '';
  const used: string[] = [];
  yield (w) => {
    investigationId = rnd.uuid(w.nowMs);
    stream = streamIds.investigation(investigationId);
    used.push(stream);
    return w.apply(stream, investigationDecider, {
      type: 'OpenInvestigation',
      data: {
        investigationId,
        incidentIds: [incidentId],
        kind,
        title: `${kind.replace(/_/g, ' ')} into incident ${incidentId.slice(0, 8)}`,
      },
      meta: w.meta(as),
    });
  };
  if (rnd.chance(0.4)) {
    const other = rnd.pick(INVESTIGATORS.filter((id) => id !== investigator));
    yield (w) =>
      w.apply(stream, investigationDecider, {
        type: 'AssignInvestigator',
        data: { investigatorId: other },
        meta: w.meta(as),
      });
  }

  const evidence: string[] = [];
  for (let i = rnd.int(2, 7); i > 0; i--) {
    yield (w) => {
      const evidenceId = rnd.uuid(w.nowMs);
      evidence.push(evidenceId);
      return w.apply(stream, investigationDecider, {
        type: 'LogEvidence',
        data: {
          evidenceId,
          kind: rnd.weighted(EVIDENCE_KINDS),
          description: 'Statement, photographs and patrol log collected by the investigation team',
          sha256: rnd.hex(32),
          custodian: 'mission investigation unit',
        },
        meta: w.meta(as),
      });
    };
    if (rnd.chance(0.25)) {
      yield (w) =>
        w.apply(stream, investigationDecider, {
          type: 'TransferEvidenceCustody',
          data: {
            evidenceId: evidence[evidence.length - 1],
            toCustodian: 'Office of Internal Oversight Services',
            transferredAt: w.now,
            reason: 'Referred for forensic analysis',
          },
          meta: w.meta(as),
        });
    }
  }

  const findings: Finding[] = [];
  for (let i = rnd.int(1, 4); i > 0; i--) {
    const unit = units.length > 0 && rnd.chance(0.6) ? rnd.pick(units) : undefined;
    const attribution: Attribution = unit
      ? { level: 'unit', contingentId: unit }
      : rnd.pick<Attribution>([
          { level: 'role', role: 'battalion_commander' },
          { level: 'mission_leadership' },
          { level: 'headquarters' },
          { level: 'mission_component', component: 'military' },
        ]);
    yield (w) => {
      const findingId = rnd.uuid(w.nowMs);
      findings.push({ id: findingId, unit, withdrawn: false });
      return w.apply(stream, investigationDecider, {
        type: 'RecordFinding',
        data: {
          findingId,
          statement: 'The unit did not respond to the alert within the time its orders required',
          category: rnd.weighted(FINDING_CATEGORIES),
          attributions: [attribution],
          severity: rnd.weighted(SEVERITIES),
          evidenceIds: rnd.sample(evidence, rnd.int(1, 3)),
          contextFactors: rnd.chance(0.5) ? ['54 peacekeepers guarding a camp of 20,000'] : [],
        },
        meta: w.meta(as),
      });
    };
    if (rnd.chance(0.15)) {
      yield (w) =>
        w.apply(stream, investigationDecider, {
          type: 'ReviseFinding',
          data: {
            findingId: findings[findings.length - 1].id,
            changes: {
              severity: rnd.weighted(SEVERITIES),
              statement: 'Revised after the reply of the contributing country',
            },
            reason: 'New testimony',
          },
          meta: w.meta(as),
        });
    } else if (findings.length > 1 && rnd.chance(0.05)) {
      const withdrawn = findings[findings.length - 1];
      withdrawn.withdrawn = true;
      yield (w) =>
        w.apply(stream, investigationDecider, {
          type: 'WithdrawFinding',
          data: { findingId: withdrawn.id, reason: 'Not supported by the evidence' },
          meta: w.meta(as),
        });
    }
  }

  const live = () => findings.filter((finding) => !finding.withdrawn);
  for (const finding of live().filter((f) => f.unit !== undefined && rnd.chance(0.4))) {
    yield (w) =>
      w.apply(stream, investigationDecider, {
        type: 'NameUnit',
        data: {
          namingId: rnd.uuid(w.nowMs),
          contingentId: finding.unit as string,
          findingIds: [finding.id],
          public: rnd.chance(0.3),
        },
        meta: w.meta(as),
      });
    yield* notifyCountry(world, finding.unit as string, stream);
  }

  const repatriations: { recommendationId: string; action: RecommendationAction; unit: string }[] =
    [];
  for (let i = rnd.int(0, 2); i > 0 && live().length > 0; i--) {
    const basis = rnd.pick(live());
    const unit = basis.unit ?? (units.length > 0 ? rnd.pick(units) : undefined);
    let action = rnd.weighted(RECOMMENDATION_ACTIONS);
    if (REPATRIATION_ACTIONS.includes(action) && unit === undefined) action = 'retrain';
    yield (w) => {
      const recommendationId = rnd.uuid(w.nowMs);
      if (REPATRIATION_ACTIONS.includes(action))
        repatriations.push({ recommendationId, action, unit: unit as string });
      return w.apply(stream, investigationDecider, {
        type: 'IssueRecommendation',
        data: {
          recommendationId,
          action,
          ...(unit && action !== 'repatriate_individuals' && { contingentId: unit }),
          ...(action === 'repatriate_commander' && { role: 'battalion_commander' }),
          ...(action === 'repatriate_individuals' && { subjectIds: [rnd.uuid(w.nowMs)] }),
          findingIds: [basis.id],
          rationale: 'The findings show a failure the unit and its command are answerable for',
        },
        meta: w.meta(as),
      });
    };
  }

  if (rnd.chance(0.75)) {
    yield (w) =>
      w.apply(stream, investigationDecider, {
        type: 'SubmitReport',
        data: {
          summary: 'Report of the investigation',
          reportSha256: rnd.hex(32),
          submittedAt: w.now,
        },
        meta: w.meta(as),
      });
  }
  for (const repatriation of repatriations.filter(() => rnd.chance(0.6))) {
    used.push(...(yield* decisionStory(world, investigationId, repatriation)));
  }
  let closed = false;
  if (rnd.chance(0.65)) {
    closed = true;
    yield (w) =>
      w.apply(stream, investigationDecider, {
        type: 'CloseInvestigation',
        data: { summary: 'Investigation completed; report submitted' },
        meta: w.meta(as),
      });
  }
  if (!closed && investigator === INVESTIGATORS[0])
    world.samples.openInvestigations.push(investigationId);
  return used;
}
