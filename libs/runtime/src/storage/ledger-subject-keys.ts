import type { MaybePromise, SubjectKeyStore } from '@blue-ledger/access';
import type { KeyEncryptionKey } from './key-encryption-key';

/**
 * The subjects' keys as the apps open them: in the ledger's SQLite file (SqliteSubjectKeys) or
 * in the PostgreSQL database every instance shares (PostgresSubjectKeys).
 */
export interface LedgerSubjectKeys extends SubjectKeyStore {
  /** The key-encryption key the keys are wrapped under (LEDGER_KEK or the data directory's file). */
  readonly kek: KeyEncryptionKey;
  /** Keys found unwrapped (stored by an older version) and wrapped in place at this start. */
  readonly migrated: number;
  /** The subject has a key: details were sealed for it (and it is not erased). */
  has(subjectId: string): MaybePromise<boolean>;
  close(): void;
}
