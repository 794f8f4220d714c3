/**
 * A decider is the whole behaviour of one aggregate as pure functions: no I/O, no clock,
 * no random ids. Time and ids arrive on the command.
 */
export interface DomainEvent<Type extends string = string, Data = Record<string, unknown>> {
  type: Type;
  data: Data;
  /** When it happened in the world, where the domain has such a time (ISO 8601 with zone). */
  occurredAt?: string;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  /** Current schema version of each event type this decider emits. */
  readonly schemaVersions: Readonly<Record<Event['type'], number>>;
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** Fold a history onto the initial state. */
export function foldEvents<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
