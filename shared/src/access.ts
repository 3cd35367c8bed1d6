/**
 * What an endpoint needs from its caller. `public`: anyone; `session`: any logged-in user
 * (their own things only, scoped by the server); a permission: decided by the server's policy
 * module. Permissions whose name starts with `team.` are about the team in the `teamId` path
 * parameter. Reading a team's products and stock is `team.view`; changing them needs the
 * `product.`/`stock.` permissions (members), reviewing needs a supervising teacher.
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
  'product.edit',
  'product.review',
  'stock.move',
  'stock.count.manage',
  'approvals.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Access = 'public' | 'session' | Permission;
