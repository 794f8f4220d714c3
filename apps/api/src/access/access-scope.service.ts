import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@blue-ledger/access';
import type { AccessScopeFollower } from '@blue-ledger/command-handling';
import { ACCESS_SCOPE } from '@blue-ledger/runtime';

/**
 * The access scope (assignments, which unit is whose, what is about which unit) as of the
 * store's head: the one follower of the process, which the write path's checks share.
 */
@Injectable()
export class AccessScopeService {
  constructor(@Inject(ACCESS_SCOPE) private readonly follower: AccessScopeFollower) {}

  current(): Promise<AccessScope> {
    return this.follower.current();
  }
}
