import type { HttpResponse } from '../../support/http-client';
import type { WriteAnswer } from './ledger-fixtures';

/** What became of one write: a 201, another answer, or no answer (the process died first). */
export type WriteOutcome =
  | { kind: 'acknowledged'; answer: WriteAnswer }
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'no_answer'; error: string };

export interface WriteAttempt {
  writer: number;
  /** Unique text carried in the write's body, to find its event in the audit trail. */
  tag: string;
  outcome: WriteOutcome;
}

/** One writer: sends the write that carries `tag`. */
export type Writer = (tag: string) => Promise<HttpResponse>;

export interface BurstOptions {
  writers: Writer[];
  /** Each writer stops after this many writes (or at its first write without an answer). */
  writesPerWriter: number;
  tagOf: (writer: number, sequence: number) => string;
  /** Called on every 201, with the number of 201s so far and the writes still in flight. */
  onAcknowledged?: (acknowledged: number, inFlight: number) => void;
}

/**
 * Every writer writes in a loop, all at the same time, and every attempt is recorded with
 * what became of it. A writer stops when a write gets no answer: the server is gone.
 */
export async function writeBurst(options: BurstOptions): Promise<WriteAttempt[]> {
  const attempts: WriteAttempt[] = [];
  let acknowledged = 0;
  let inFlight = 0;
  const loop = async (write: Writer, writer: number) => {
    for (let sequence = 0; sequence < options.writesPerWriter; sequence++) {
      const tag = options.tagOf(writer, sequence);
      inFlight++;
      const outcome = await outcomeOf(() => write(tag));
      inFlight--;
      attempts.push({ writer, tag, outcome });
      if (outcome.kind === 'acknowledged') options.onAcknowledged?.(++acknowledged, inFlight);
      if (outcome.kind === 'no_answer') return;
    }
  };
  await Promise.all(options.writers.map(loop));
  return attempts;
}

async function outcomeOf(send: () => Promise<HttpResponse>): Promise<WriteOutcome> {
  try {
    const response = await send();
    if (response.status === 201) return { kind: 'acknowledged', answer: response.body };
    return { kind: 'answered', status: response.status, body: response.body };
  } catch (error) {
    return { kind: 'no_answer', error: String((error as Error).cause ?? error) };
  }
}
