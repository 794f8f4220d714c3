import type { Actor } from '@blue-ledger/event-store';

/** The system principal every imported event is recorded under, in the role the API would require. */
export const IMPORTER_ID = 'importer';

export const importerAs = (role: 'admin' | 'investigator'): Actor => ({ id: IMPORTER_ID, role });
