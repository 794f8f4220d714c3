import { Injectable, Logger } from '@nestjs/common';

/**
 * Read-your-writes: with in-process projections, a command answers only once the read models
 * have applied its events. With an external projector there is nothing to wait for here.
 */
@Injectable()
export class ProjectionSync {
  private readonly logger = new Logger('ProjectionSync');

  constructor(private readonly waitForPosition?: (position: bigint) => Promise<void>) {}

  /**
   * Never fails the command: its events are already durable, and answering with an error
   * would invite a retry of a write that happened. A read model that cannot keep up is logged
   * (and shows in /health); the write is still acknowledged.
   */
  async waitFor(position: bigint): Promise<void> {
    if (!this.waitForPosition) return;
    try {
      await this.waitForPosition(position);
    } catch (error) {
      this.logger.error(
        `read models did not reach position ${position}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
