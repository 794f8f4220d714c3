import { Injectable } from '@nestjs/common';

/**
 * Read-your-writes: with in-process projections, a command answers only once the read models
 * have applied its events. With an external projector there is nothing to wait for here.
 */
@Injectable()
export class ProjectionSync {
  constructor(private readonly waitForPosition?: (position: bigint) => Promise<void>) {}

  async waitFor(position: bigint): Promise<void> {
    if (this.waitForPosition) await this.waitForPosition(position);
  }
}
