import type { TransactionLog } from './transaction-log';

/**
 * A fresh node's log is not empty: the server writes its own events, in streams and with types
 * that start with `$`. The double starts with a few of the same kind so that clients must skip them.
 */
export function writeStartupSystemEvents(log: TransactionLog): void {
  log.appendSystemEvent('$epoch-information', '$epoch-information', { epochNumber: 0 });
  log.appendSystemEvent('$$$stats-127.0.0.1:2113', '$metadata', { $maxAge: 86400 });
  log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-cpu': 0.5 });
  log.appendSystemEvent('$settings', '$settings', { $userStreamAcl: {}, $systemStreamAcl: {} });
}
