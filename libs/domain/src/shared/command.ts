/** What every command carries besides its own data: who, when, and its new ids. */
export interface CommandMeta {
  /** The ledger's clock when the command arrived (ISO 8601 with zone). */
  now: string;
  actor: { id: string; role: string; country?: string };
}
