import { FormsController } from './forms.controller';
import { ApiWrites } from './machinery/api-writes';
import { FormKeys } from './machinery/form-keys';
import { LedgerLookups } from './machinery/ledger-lookups';
import { PrincipalsPageController } from './principals/principals-page.controller';
import { ReceiptPageController } from './receipt.controller';

/** The web forms' controllers (the receipt's first: its address is more specific). */
export const FORM_CONTROLLERS = [ReceiptPageController, FormsController, PrincipalsPageController];
export const FORM_PROVIDERS = [ApiWrites, LedgerLookups, FormKeys];
