/** The roles of staff accounts: agents take calls, catalogue managers run the catalogue, admins everything. */
export const STAFF_ROLES = ['agent', 'catalogue-manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A role a route may require: one of the staff roles, or a signed-in customer. */
export type Role = StaffRole | 'customer';

/** Who a session belongs to: a staff member (with their role) or a customer. */
export type Principal =
  | { readonly kind: 'staff'; readonly staffId: string; readonly username: string; readonly role: StaffRole }
  | { readonly kind: 'customer'; readonly customerId: string; readonly phone: string };

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type CustomerPrincipal = Extract<Principal, { kind: 'customer' }>;

/** The role a principal acts in. */
export function roleOf(principal: Principal): Role {
  return principal.kind === 'staff' ? principal.role : 'customer';
}
