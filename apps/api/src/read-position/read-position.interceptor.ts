import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import {
  LEDGER_CONFIG,
  READ_MODEL_PROGRESS,
  type LedgerConfig,
  type ReadModelProgress,
} from '@blue-ledger/runtime';
import type { Request, Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { isPageRequest, type PageRequest } from '../pages/sessions/page-access';
import {
  beyondHead,
  MIN_POSITION_HEADER,
  parseMinPosition,
  POSITION_HEADER,
  readModelsBehind,
  type ReadBehind,
} from './read-position';

/** A request whose page is rendered before the read models held what it waited for. */
export interface ReadPositionRequest extends Request {
  readBehind?: ReadBehind;
}

/**
 * The one place every read waits for the position it must reflect, before its handler runs:
 * `Ledger-Min-Position` on any GET, and on a web page also its session's last write. The wait
 * is `ReadModelProgress.waitFor`, woken by this instance's projection runner when it commits
 * the position. Past `LEDGER_READ_WAIT_MS` a JSON read answers 503 `read_models_behind`; a page
 * renders anyway, saying it may not show the last change yet. A position beyond the store's
 * head is refused at once. Every read then says, in `Ledger-Position`, the position its read
 * models had applied when it was computed (at least: they only move forwards), so a client can
 * chain it into its next request.
 */
@Injectable()
export class ReadPositionInterceptor implements NestInterceptor {
  constructor(
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<ReadPositionRequest & PageRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const asked = parseMinPosition(request.headers[MIN_POSITION_HEADER.toLowerCase()]);
    const page = isPageRequest(request);
    return from(this.settle(request, asked, page ? request.lastWritePosition : undefined)).pipe(
      mergeMap(() => {
        const position = this.progress.position();
        if (position !== null) response.setHeader(POSITION_HEADER, String(position));
        return next.handle();
      }),
    );
  }

  private async settle(
    request: ReadPositionRequest,
    asked: bigint | undefined,
    lastWrite: bigint | undefined,
  ): Promise<void> {
    let head: Promise<bigint | null> | undefined;
    const headOnce = () => (head ??= this.store.headPosition());
    if (asked !== undefined && !this.holds(asked)) {
      const at = await headOnce();
      if (at === null || asked > at) throw beyondHead(asked, at);
    }
    // A session's last write beyond the head is not in this store (restored from an older
    // backup): there is nothing to wait for, and every page would otherwise wait in vain.
    if (lastWrite !== undefined && !this.holds(lastWrite)) {
      const at = await headOnce();
      if (at === null || lastWrite > at) lastWrite = undefined;
    }
    const target = max(asked, lastWrite);
    if (target === undefined || this.holds(target)) return;
    try {
      await this.progress.waitFor(target, this.config.readWaitMs);
    } catch {
      // Timed out, or the runner stopped or failed: the read models are behind either way.
      const reached = this.progress.position();
      if (!isPageRequest(request)) throw readModelsBehind(target, reached, this.config.readWaitMs);
      request.readBehind = {
        asked: String(target),
        reached: reached === null ? null : String(reached),
      };
    }
  }

  /** The read models have applied this position. */
  private holds(position: bigint): boolean {
    const reached = this.progress.position();
    return reached !== null && BigInt(reached) >= position;
  }
}

function max(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
