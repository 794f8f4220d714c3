import type { CommandMeta, Decider, DomainEvent } from '@blue-ledger/domain';
import type { Actor } from '@blue-ledger/event-store';
import type { SeededRandom } from './seeded-random';

/** What a story's step may use: the simulated clock, and the command path of the generator. */
export interface StepWriter {
  /** The simulated ledger clock (ISO 8601): it only moves forward. */
  readonly now: string;
  readonly nowMs: number;
  meta(actor: Actor): CommandMeta;
  /** Decides the command on the stream's current state and appends the events; returns the new state. */
  apply<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: NoInfer<Command>,
  ): Promise<State>;
}

export type Step = (writer: StepWriter) => Promise<unknown>;

/** A story yields its commands one by one; it returns the streams it alone used. */
export type Story = Generator<Step, string[], void>;

export interface GeneratedContingent {
  id: string;
  country: string;
}

export interface GeneratedMission {
  code: string;
  contingents: GeneratedContingent[];
}

export interface ExistingIncident {
  incidentId: string;
  missionCode: string;
  contingentIds: string[];
}

/** Ids the measurements will need, gathered while generating. */
export interface Samples {
  /** Incidents with at least one investigation, and an instant in the middle of their record. */
  incidents: { id: string; asOf: string }[];
  /** Investigations left open, opened by the investigator the HTTP load acts as. */
  openInvestigations: string[];
  /** Every contingent, with the mission it serves in. */
  contingents: { id: string; missionCode: string }[];
}

export interface World {
  rnd: SeededRandom;
  missions: GeneratedMission[];
  contingentCountry: Map<string, string>;
  /** Incidents already in the ledger (the imported fatalities): each gets its board of inquiry. */
  existingIncidents: ExistingIncident[];
  samples: Samples;
}
