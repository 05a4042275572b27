import type { ConfirmationMode } from '@callcart/contracts';

/**
 * The method's rule: at most `confirmListMax` candidates (default 5; the method says 5-10) and
 * the agent reads them out (`ask`); more and the agent asks the caller for the item number.
 */
export function confirmationModeFor(total: number, confirmListMax: number): ConfirmationMode {
  return total <= confirmListMax ? 'ask' : 'item-number';
}
