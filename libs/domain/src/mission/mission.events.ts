import type { DomainEvent } from '../shared';

export type MissionRegistered = DomainEvent<
  'MissionRegistered',
  {
    /** Natural code, e.g. UNMISS; the stream is `mission-<code>`. */
    code: string;
    name: string;
    /** ISO 3166-1 alpha-3. */
    hostCountry: string;
  }
>;

export type MissionEvent = MissionRegistered;
export type MissionEventType = MissionEvent['type'];
