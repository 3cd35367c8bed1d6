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
 *
 * Shifts (班次) are team-scoped: `shift.view` (members, supervising teachers, the partner's
 * mentors), `shift.work` (members: sign up, swap, clock in/out, run a live session on their own
 * shift; the service checks the place is theirs), `shift.plan` (the team lead and supervising
 * teachers: templates, weeks, assigning, approving swaps, correcting attendance).
 * `grading.evaluate` is the teacher side (supervising teacher) and the mentor side (a mentor of a
 * partner whose goods the team runs) of 双导师 grading; the service decides which side a caller
 * is. `reports.view` (teachers and admins, scoped by the service to the teams they supervise):
 * term summaries, charts, timesheets and exports. `rubric.manage`: teachers and admins.
 * `shift.settings` (admins): hour limits, clock rules, pay rates, grade weights and terms.
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
  'shift.view',
  'shift.work',
  'shift.plan',
  'grading.evaluate',
  'reports.view',
  'rubric.manage',
  'shift.settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Access = 'public' | 'session' | Permission;
