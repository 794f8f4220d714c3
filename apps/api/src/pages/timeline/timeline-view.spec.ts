import { replayView, valueText, type ReplayEntryAnswer } from './timeline-view';

const entry = (
  position: number,
  type: string,
  occurredAt: string | null,
  ids: Record<string, string>,
  more: Partial<ReplayEntryAnswer> = {},
): ReplayEntryAnswer => ({
  position,
  recordedAt: `2026-01-01T00:00:0${position}.000Z`,
  occurredAt,
  type,
  streamId: 'investigation-i',
  actor: { id: 'inv-1', role: 'investigator' },
  summary: `${type} ${position}`,
  ids,
  ...more,
});

describe('replayView', () => {
  const entries = [
    entry(1, 'IncidentReported', '2016-02-17T19:00:00Z', { incidentId: 'x' }),
    entry(2, 'FindingRecorded', '2016-06-01T00:00:00Z', { findingId: 'f' }),
    // Happened before the finding already recorded: a late-recorded fact.
    entry(3, 'EvidenceLogged', '2016-03-01T00:00:00Z', { evidenceId: 'e' }),
    entry(
      4,
      'FindingRevised',
      '2016-07-01T00:00:00Z',
      { findingId: 'f' },
      {
        changes: [{ field: 'severity', from: 'high', to: 'critical' }],
        reason: 'New testimony',
      },
    ),
  ];

  it('numbers the steps in recorded order and knows, at a step, only what was recorded by then', () => {
    const view = replayView({
      incidentId: 'x',
      entries,
      order: 'recorded',
      knownPositions: new Set([1, 2]),
      asOf: entries[1].recordedAt,
      showUnknown: false,
    });
    expect(view.entries.map((e) => e.step)).toEqual([1, 2]);
    expect(view.step).toBe(2);
    expect(view.total).toBe(4);
    expect(view.previousHref).toBe('/ui/incidents/x/timeline?order=recorded&step=1');
    expect(view.nextHref).toBe('/ui/incidents/x/timeline?order=recorded&step=3');
    // The revision is not yet known: nothing is superseded yet.
    expect(view.entries.find((e) => e.position === 2)?.supersededBy).toBeUndefined();
  });

  it('marks what was not yet known when asked, the late-recorded fact, and what a known correction superseded', () => {
    const view = replayView({
      incidentId: 'x',
      entries,
      order: 'recorded',
      knownPositions: undefined,
      asOf: undefined,
      showUnknown: true,
    });
    const byPosition = new Map(view.entries.map((e) => [e.position, e]));
    expect(byPosition.get(3)?.late).toBe(true);
    expect(byPosition.get(2)?.late).toBe(false);
    expect(byPosition.get(2)?.supersededBy).toBe(4);
    expect(byPosition.get(4)?.changes).toEqual([
      { field: 'severity', from: 'high', to: 'critical' },
    ]);
    expect(byPosition.get(4)?.reason).toBe('New testimony');
    expect(view.lateCount).toBe(1);
    expect(view.chart.points).toHaveLength(4);
    expect(view.chart.instantX).toBeUndefined();
  });

  it('shows as not yet known, when asked, what came after the instant', () => {
    const view = replayView({
      incidentId: 'x',
      entries,
      order: 'occurred',
      knownPositions: new Set([1]),
      asOf: entries[0].recordedAt,
      showUnknown: true,
    });
    expect(view.entries.filter((e) => !e.known).map((e) => e.position)).toEqual([2, 3, 4]);
    expect(view.chart.instantX).toBeDefined();
  });
});

describe('valueText', () => {
  it('writes values as a reader reads them', () => {
    expect(valueText(null)).toBe('—');
    expect(valueText({ name: 'Malakal', latitude: 9.53 })).toBe('name: Malakal, latitude: 9.53');
    expect(valueText(['a', 'b'])).toBe('a; b');
  });
});
