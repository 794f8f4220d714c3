import { incidentDecider, RuleViolation, streamIds } from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';

/**
 * That a command's body refers to things that exist (422 with the field), checked before the
 * decider runs: each decider itself sees only its own stream.
 */
export class References {
  constructor(private readonly reader: AggregateReader) {}

  async missionExists(code: string, field: string): Promise<void> {
    if (!(await this.reader.exists(streamIds.mission(code)))) {
      throw new RuleViolation('unknown_mission', `no mission ${code} is registered`, field);
    }
  }

  async contingentExists(id: string, field: string): Promise<void> {
    if (!(await this.reader.exists(streamIds.contingent(id)))) {
      throw new RuleViolation('unknown_contingent', `no contingent ${id} is registered`, field);
    }
  }

  async contingentsExist(ids: readonly string[], field: string): Promise<void> {
    for (const [index, id] of ids.entries()) await this.contingentExists(id, `${field}[${index}]`);
  }

  async incidentsOpen(ids: readonly string[], field: string): Promise<void> {
    for (const [index, id] of ids.entries()) {
      const { state, revision } = await this.reader.load(streamIds.incident(id), incidentDecider);
      if (revision === null) {
        throw new RuleViolation(
          'unknown_incident',
          `no incident ${id} is recorded`,
          `${field}[${index}]`,
        );
      }
      if (state.status === 'closed') {
        throw new RuleViolation(
          'incident_closed',
          `incident ${id} is closed; reopen it with a reason first`,
          `${field}[${index}]`,
        );
      }
    }
  }

  async streamExists(streamId: string, field: string): Promise<void> {
    if (!(await this.reader.exists(streamId))) {
      throw new RuleViolation('unknown_stream', `no stream ${streamId} exists`, field);
    }
  }
}
