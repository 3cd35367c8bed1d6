import { CONSOLE_SECTIONS, type Access, type EvaluatorRole, type ConsoleSection, type ErrorCode, type Permission, type Role, type UserStatus } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from './actor';

/**
 * The one place that decides who may do what. Routes declare an `access` in shared/endpoints;
 * the route mounter asks `authorize` before the handler runs, and services ask the helpers
 * below (what a viewer may see of personal data, which people a list may show). Nothing else
 * looks at roles.
 *
 * A decision is `allow`, `forbidden` (403: the caller knows the thing exists and may not act on
 * it) or `hidden` (404: staff of another team must not learn that a team's things exist).
 */
export type Decision = 'allow' | 'forbidden' | 'hidden';

/** What a permission is about, read from the request's path parameters. */
export interface PermissionTarget {
  teamId?: number;
}

const STAFF_ROLES: readonly Role[] = ['student', 'teacher', 'mentor', 'admin'];

const isAdmin = (actor: Actor) => actor.roles.has('admin');
const isStaff = (actor: Actor) => STAFF_ROLES.some((role) => actor.roles.has(role));

/** Staff accounts carry team work and grading history; only an admin may unlink them. */
export function hasStaffRole(roles: readonly Role[]): boolean {
  return roles.some((role) => STAFF_ROLES.includes(role));
}

export function isMemberOf(actor: Actor, teamId: number): boolean {
  return actor.roles.has('student') && actor.memberships.has(teamId);
}

export function supervises(actor: Actor, teamId: number): boolean {
  return actor.roles.has('teacher') && actor.supervisedTeamIds.has(teamId);
}

function leads(actor: Actor, teamId: number): boolean {
  return isMemberOf(actor, teamId) && actor.memberships.get(teamId)?.isLead === true;
}

function mentorsFor(actor: Actor, teamId: number): boolean {
  return actor.roles.has('mentor') && actor.partnerTeamIds.has(teamId);
}

/** How the caller is tied to a team, if at all (GET /api/me lists these). */
export function relationTo(actor: Actor, teamId: number): 'member' | 'supervisor' | 'partner' | null {
  if (isMemberOf(actor, teamId)) return 'member';
  if (supervises(actor, teamId)) return 'supervisor';
  if (mentorsFor(actor, teamId)) return 'partner';
  return null;
}

function relatedTo(actor: Actor, teamId: number): boolean {
  return relationTo(actor, teamId) !== null;
}

/** Team-scoped: allowed when `may` says so; a related person is refused; anyone else is not told it exists. */
function teamRule(may: (actor: Actor, teamId: number) => boolean) {
  return (actor: Actor, target: PermissionTarget): Decision => {
    if (target.teamId === undefined) return 'forbidden';
    if (isAdmin(actor) || may(actor, target.teamId)) return 'allow';
    if (relatedTo(actor, target.teamId)) return 'forbidden';
    return isStaff(actor) ? 'hidden' : 'forbidden';
  };
}

const allowWhen = (test: (actor: Actor) => boolean) => (actor: Actor): Decision => (test(actor) ? 'allow' : 'forbidden');

const RULES: Record<Permission, (actor: Actor, target: PermissionTarget) => Decision> = {
  'console.enter': allowWhen(isStaff),
  'team.view': teamRule(relatedTo),
  'team.create': allowWhen(isAdmin),
  'team.edit': teamRule(() => false),
  'team.manage_members': teamRule(supervises),
  'team.manage_supervisors': teamRule(() => false),
  'people.list': allowWhen((actor) => isAdmin(actor) || actor.roles.has('teacher')),
  'people.manage': allowWhen(isAdmin),
  'partner.manage': allowWhen(isAdmin),
  // Members run their team's goods; a supervising teacher reviews them, and never edits them,
  // so approval is always someone else's check on the students' work.
  // Costs and other partners' goods are the school's business, not a partner's mentor's.
  'operations.view': teamRule((actor, teamId) => isMemberOf(actor, teamId) || supervises(actor, teamId)),
  'product.edit': teamRule(isMemberOf),
  'product.review': teamRule(supervises),
  'stock.move': teamRule(isMemberOf),
  // Opening and closing a count (盘点) is the lead's job; the supervising teacher stands in.
  'stock.count.manage': teamRule((actor, teamId) => leads(actor, teamId) || supervises(actor, teamId)),
  'approvals.view': allowWhen((actor) => isAdmin(actor) || actor.roles.has('teacher')),
  // Packing, shipping and pickup handover are the students' shift work.
  'order.fulfil': teamRule(isMemberOf),
  // Members decide refunds on their goods; the supervising teacher decides the large ones
  // (the refund service applies the threshold and refuses anyone's own order).
  'refund.decide': teamRule((actor, teamId) => isMemberOf(actor, teamId) || supervises(actor, teamId)),
  // Payments the shop could not apply (wrong amount, paid after closing) are money questions for
  // the school's staff, never for students.
  'payments.review': allowWhen((actor) => isAdmin(actor) || actor.roles.has('teacher')),
  // Mentors grade the shifts of teams running their partner's goods, so they see those shifts.
  'shift.view': teamRule(relatedTo),
  'shift.work': teamRule(isMemberOf),
  // Planning is the lead's job; the supervising teacher stands in and overrides limits.
  'shift.plan': teamRule((actor, teamId) => leads(actor, teamId) || supervises(actor, teamId)),
  'grading.evaluate': teamRule((actor, teamId) => supervises(actor, teamId) || mentorsFor(actor, teamId)),
  'reports.view': allowWhen((actor) => isAdmin(actor) || actor.roles.has('teacher')),
  'rubric.manage': allowWhen((actor) => isAdmin(actor) || actor.roles.has('teacher')),
  'shift.settings': allowWhen(isAdmin),
};

/** Whether the caller may take `permission` on `teamId` (the console shows only working buttons). */
export function may(actor: Actor, permission: Permission, teamId: number): boolean {
  return decide(actor, permission, { teamId }) === 'allow';
}

/** Which 404 a hidden team-scoped thing answers with: the same as a team that does not exist. */
const HIDDEN_CODE: ErrorCode = 'TEAM_NOT_FOUND';

export function decide(actor: Actor, permission: Permission, target: PermissionTarget = {}): Decision {
  return RULES[permission](actor, target);
}

/** Throws the answer for a refused request; `session` access needs only a logged-in caller. */
export function authorize(actor: Actor, access: Exclude<Access, 'public'>, target: PermissionTarget): void {
  if (access === 'session') return;
  const decision = decide(actor, access, target);
  if (decision === 'forbidden') throw new AppError('FORBIDDEN');
  if (decision === 'hidden') throw new AppError(HIDDEN_CODE);
}

/** Console sections the caller may open (GET /api/me), in the console's order. */
export function consoleSections(actor: Actor): ConsoleSection[] {
  const open = new Set<ConsoleSection>();
  if (actor.roles.has('student') && actor.memberships.size > 0) {
    for (const section of ['team', 'products', 'stock', 'orders', 'shifts'] as const) open.add(section);
  }
  if (actor.roles.has('teacher')) for (const section of ['teams', 'approvals', 'grading', 'payments'] as const) open.add(section);
  if (actor.roles.has('mentor')) for (const section of ['teams', 'grading'] as const) open.add(section);
  if (isAdmin(actor)) for (const section of ['teams', 'approvals', 'grading', 'partners', 'people', 'payments'] as const) open.add(section);
  return CONSOLE_SECTIONS.filter((section) => open.has(section));
}

/**
 * PIPL: students and mentors see customers' and classmates' phones and addresses masked;
 * teachers and admins see them in full. The label-printing action (orders) reveals the full
 * address to a student and writes the access log.
 */
export function seesFullPersonalData(actor: Actor): boolean {
  return isAdmin(actor) || actor.roles.has('teacher');
}

/**
 * A staff member's own phone: admins see it; teachers for students of the teams they supervise
 * (the rest of the school's students are listed to them, to be added, but masked).
 */
export function seesFullContactOf(actor: Actor, subjectTeamIds: readonly number[]): boolean {
  if (isAdmin(actor)) return true;
  return actor.roles.has('teacher') && subjectTeamIds.some((teamId) => actor.supervisedTeamIds.has(teamId));
}

/** Finding people by their phone number reveals whose it is: admins only. */
export function searchesByPhone(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Whom a people list may show: admins everybody; teachers the students they can add to teams. */
export function peopleScope(actor: Actor): 'everyone' | 'students' {
  return isAdmin(actor) ? 'everyone' : 'students';
}

/** Which teams a console team list shows. */
export function visibleTeams(actor: Actor): 'all' | ReadonlySet<number> {
  if (isAdmin(actor)) return 'all';
  const ids = new Set<number>([...actor.memberships.keys()].filter((id) => isMemberOf(actor, id)));
  if (actor.roles.has('teacher')) for (const id of actor.supervisedTeamIds) ids.add(id);
  if (actor.roles.has('mentor')) for (const id of actor.partnerTeamIds) ids.add(id);
  return ids;
}

/**
 * The role a person needs to hold a tie: team members are students, supervisors teachers, and
 * a partner tie belongs to mentors. Adding a tie checks it; losing the role drops the tie.
 */
const TIE_ROLES = { member: 'student', supervisor: 'teacher', partner: 'mentor' } as const satisfies Record<string, Role>;
export type Tie = keyof typeof TIE_ROLES;

export function mayHoldTie(person: { roles: readonly Role[] }, tie: Tie): boolean {
  return person.roles.includes(TIE_ROLES[tie]);
}

/** Counts toward the admins the shop must keep: the last one may not be demoted or disabled. */
export function isActiveAdmin(person: { roles: readonly Role[]; status: UserStatus }): boolean {
  return person.status === 'active' && person.roles.includes('admin');
}

/**
 * Who may decide a refund: a large one (`needsTeacher`, fixed when it was asked for: the
 * order's refunds together passed the threshold) only the supervising teacher or an admin —
 * students may not hand out large sums, not even in small pieces; never the customer who
 * asked for it.
 */
export function refundDecisionProblem(
  actor: Actor,
  refund: { teamId: number; customerId: number | null; needsTeacher: boolean },
): 'OWN_ORDER' | 'REFUND_NEEDS_TEACHER' | null {
  if (refund.customerId === actor.userId) return 'OWN_ORDER';
  if (refund.needsTeacher && !isAdmin(actor) && !supervises(actor, refund.teamId)) return 'REFUND_NEEDS_TEACHER';
  return null;
}

/** Whose submitted products the approval queue shows: an admin's all, a teacher's supervised teams. */
export function reviewableTeams(actor: Actor): 'all' | ReadonlySet<number> {
  return isAdmin(actor) ? 'all' : actor.roles.has('teacher') ? actor.supervisedTeamIds : new Set();
}

/**
 * Which side of 双导师 grading the caller is on for a team's shift: the supervising teacher
 * (an admin stands in as the teacher side), or a mentor of a partner whose goods the team runs.
 * A teacher who is also the partner's mentor grades as the teacher: one person, one side.
 */
export function evaluatorRoleFor(actor: Actor, teamId: number): EvaluatorRole | null {
  if (supervises(actor, teamId) || isAdmin(actor)) return 'teacher';
  if (mentorsFor(actor, teamId)) return 'mentor';
  return null;
}

/** Whose shifts a grading queue shows: an admin's all teams, a teacher's supervised, a mentor's partner's. */
export function gradingScope(actor: Actor): 'all' | ReadonlySet<number> {
  if (isAdmin(actor)) return 'all';
  const ids = new Set<number>();
  if (actor.roles.has('teacher')) for (const id of actor.supervisedTeamIds) ids.add(id);
  if (actor.roles.has('mentor')) for (const id of actor.partnerTeamIds) ids.add(id);
  return ids;
}

/** Which teams' term summaries, timesheets and exports the caller may read: admins all, teachers theirs. */
export function reportScope(actor: Actor): 'all' | ReadonlySet<number> {
  return reviewableTeams(actor);
}

/** Whether the caller approves a student's timesheet: an admin, or a teacher supervising one of the student's teams. */
export function approvesTimesheetOf(actor: Actor, studentTeamIds: readonly number[]): boolean {
  return isAdmin(actor) || studentTeamIds.some((teamId) => supervises(actor, teamId));
}

/** Changing a grade after term close is an admin's exception (the change is logged with a reason). */
export function amendsLockedGrades(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Whether the caller plans a team's shifts (lead, supervising teacher, admin) — they may override warnings. */
export function plansShiftsOf(actor: Actor, teamId: number): boolean {
  return decide(actor, 'shift.plan', { teamId }) === 'allow';
}

/** Whether the caller may override a blocking hour limit (teachers and admins; a lead may not). */
export function overridesShiftLimits(actor: Actor, teamId: number): boolean {
  return isAdmin(actor) || supervises(actor, teamId);
}
