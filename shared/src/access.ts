/**
 * What an endpoint needs from its caller. `public`: anyone; `session`: any logged-in user
 * (their own things only, scoped by the server); a permission: decided by the server's policy
 * module. Permissions whose name starts with `team.` are about the team in the `teamId` path
 * parameter.
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Access = 'public' | 'session' | Permission;
