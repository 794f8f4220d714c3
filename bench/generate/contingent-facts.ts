import { contingentDecider, streamIds } from '@blue-ledger/domain';
import { actors } from './bench-principals';
import { EVALUATION_RATINGS } from './domain-proportions';
import type { Story, World } from './story-step';

/** The contributing country is told about an incident, investigation or decision; it often replies. */
export function* notifyCountry(world: World, contingentId: string, subjectStreamId: string): Story {
  const { rnd } = world;
  const stream = streamIds.contingent(contingentId);
  const country = world.contingentCountry.get(contingentId) as string;
  let notificationId = '';
  yield (w) => {
    notificationId = rnd.uuid(w.nowMs);
    return w.apply(stream, contingentDecider, {
      type: 'NotifyTcc',
      data: {
        notificationId,
        subjectStreamId,
        notifiedAt: w.now,
        channel: rnd.weighted({
          note_verbale: 6,
          permanent_mission_meeting: 2,
          email: 2,
          other: 1,
        }),
      },
      meta: w.meta(actors.investigator('investigator-1')),
    });
  };
  if (!rnd.chance(0.6)) return [];
  yield (w) =>
    w.apply(stream, contingentDecider, {
      type: 'RecordTccResponse',
      data: {
        responseId: rnd.uuid(w.nowMs),
        regarding: notificationId,
        statement: `The permanent mission of ${country} acknowledges the notification and will report on the measures taken.`,
        respondedAt: w.now,
      },
      meta: w.meta(actors.liaison(country)),
    });
  return [];
}

/** Good performance is recorded too: a force commander's evaluation, now and then a commendation. */
export function* evaluateContingent(world: World, contingentId: string): Story {
  const { rnd } = world;
  const stream = streamIds.contingent(contingentId);
  yield (w) =>
    w.apply(stream, contingentDecider, {
      type: 'EvaluateContingent',
      data: {
        evaluationId: rnd.uuid(w.nowMs),
        evaluatedAt: w.now,
        rating: rnd.weighted(EVALUATION_RATINGS),
        summary: 'Force commander unit evaluation: readiness, patrols, protection of civilians.',
      },
      meta: w.meta(actors.admin),
    });
  if (!rnd.chance(0.2)) return [];
  yield (w) =>
    w.apply(stream, contingentDecider, {
      type: 'CommendContingent',
      data: {
        commendationId: rnd.uuid(w.nowMs),
        at: w.now,
        citation:
          'Commended for the protection of civilians during an attack on a displacement site.',
      },
      meta: w.meta(actors.admin),
    });
  return [];
}
