/**
 * Which EventStoreDB the double impersonates. The defaults are a current server (23.10 and
 * later); the switches reproduce older servers so that the adapter's fallbacks are tested too.
 */
export interface ServerBehaviour {
  /** Subscriptions send a CaughtUp message when they turn live (servers from 23.10 on). */
  caughtUpMessages: boolean;
  /** The server offers Streams.BatchAppend, which the client then prefers to Streams.Append. */
  batchAppend: boolean;
}

export const CURRENT_SERVER: ServerBehaviour = { caughtUpMessages: true, batchAppend: true };

export function serverVersion(behaviour: ServerBehaviour): string {
  return behaviour.caughtUpMessages ? '24.10.0' : '22.10.0';
}
