/**
 * What an endpoint needs from its caller. `public`: anyone; `session`: any logged-in user
 * (their own things only, scoped by the server); a permission: decided by the server's policy
 * module. Permissions whose name starts with `team.` are about the team in the `teamId` path
 * parameter, as are `operations.`, `product.` and `stock.` ones. Reading a team's products,
 * stock, costs and ledger is `operations.view` (members and supervising teachers, not mentors:
 * purchase costs of other partners are not theirs to see); changing them needs `product.`/`stock.`
 * permissions (members); reviewing needs a supervising teacher. Fulfilling a team's part of
 * orders (pick, ship, label, pickup) is `order.fulfil` (members); deciding refunds is
 * `refund.decide` (members, and the supervising teacher, who alone decides large ones).
 * Payments WeChat reported that the shop could not apply (flags) and the payment event log are
 * `payments.review` (teachers and admins: money is the school's business).
 */
export const PERMISSIONS = [
  'console.enter',
  'team.view',
  'team.create',
  'team.edit',
  'team.manage_members',
  'team.manage_supervisors',
  'people.list',
  'people.manage',
  'partner.manage',
  'operations.view',
  'product.edit',
  'product.review',
  'stock.move',
  'stock.count.manage',
  'approvals.view',
  'order.fulfil',
  'refund.decide',
  'payments.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Access = 'public' | 'session' | Permission;
