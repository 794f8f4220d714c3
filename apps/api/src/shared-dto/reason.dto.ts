import { PASSAGE, Text } from '../http/validators';

/** Amendments, closures, reopenings, withdrawals, reversals and lapses must say why. */
export class ReasonDto {
  @Text(PASSAGE, { example: 'New testimony places the attack two hours earlier.' })
  reason!: string;
}
