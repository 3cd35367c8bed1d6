import { maskPhone } from '@qiaodu/shared';

/** A staff member's own phone as a viewer may see it (PIPL): in full only when the policy says so. */
export function staffPhone(phone: string | null, revealPhones: boolean): string | null {
  if (phone === null) return null;
  return revealPhones ? phone : maskPhone(phone);
}
