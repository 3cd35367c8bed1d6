import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  LOGIN_CHANNELS,
  POSTS,
  ROLES,
  USER_STATUSES,
  type LoginChannel,
  type Post,
  type Role,
  type UserStatus,
} from '@qiaodu/shared';
import { partners, teams } from './catalog';
import { createdAt, sqlList, updatedAt } from './columns';

const at = (name: string) => timestamp(name, { withTimezone: true });
/** A row that belongs to a user and goes with them. */
const ownedByUser = () =>
  integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/**
 * Everyone who logs in. Roles beyond shopping are a small set kept on the row, so the
 * per-request session lookup reads one row; team ties live in their own tables.
 */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    displayName: text('display_name').notNull(),
    avatarUrl: text('avatar_url'),
    /** The user's own contact number, for staff accounts; customers' phones live on addresses. */
    phone: text('phone'),
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{customer}'::text[]`),
    status: text('status').$type<UserStatus>().notNull().default('active'),
    /** Mentors belong to the partner whose students they evaluate. */
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'set null' }),
    /** Key of a seeded demo person; demo login finds people by it. */
    persona: text('persona'),
    lastLoginAt: at('last_login_at'),
    deletedAt: at('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_persona_key').on(t.persona),
    index('users_partner_idx').on(t.partnerId),
    check('users_roles_check', sql`cardinality(${t.roles}) >= 1 and ${t.roles} <@ array[${sqlList(ROLES)}]::text[]`),
    check('users_status_check', sql`${t.status} in (${sqlList(USER_STATUSES)})`),
    check('users_display_name_not_blank', sql`length(btrim(${t.displayName})) > 0`),
  ],
);

/** A WeChat account (one openid per app) that logs in as a user. session_key never leaves the server. */
export const wechatIdentities = pgTable(
  'wechat_identities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownedByUser(),
    appId: text('app_id').notNull(),
    openid: text('openid').notNull(),
    unionid: text('unionid'),
    sessionKey: text('session_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('wechat_identities_app_openid_key').on(t.appId, t.openid),
    index('wechat_identities_unionid_idx').on(t.unionid),
    index('wechat_identities_user_idx').on(t.userId),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: ownedByUser(),
    post: text('post').$type<Post>().notNull(),
    isLead: boolean('is_lead').notNull().default(false),
    joinedAt: at('joined_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.userId),
    // One lead per team, whatever races the console loses.
    uniqueIndex('team_members_one_lead_per_team').on(t.teamId).where(sql`${t.isLead}`),
    check('team_members_post_check', sql`${t.post} in (${sqlList(POSTS)})`),
  ],
);

/** Teachers over a team: they approve its products, manage its members and grade its shifts. */
export const teamSupervisors = pgTable(
  'team_supervisors',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: ownedByUser(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_supervisors_user_idx').on(t.userId)],
);

/**
 * Bearer sessions. Only the SHA-256 of the token is stored, so a leaked table logs nobody in.
 * `expires_at` slides forward with use, never past `ends_at`. A session opened with a web-view
 * ticket keeps its parent's `ends_at` and ends when the parent is logged out.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: ownedByUser(),
    tokenHash: text('token_hash').notNull(),
    channel: text('channel').$type<LoginChannel>().notNull(),
    parentSessionId: bigint('parent_session_id', { mode: 'number' }).references((): AnyPgColumn => sessions.id, {
      onDelete: 'cascade',
    }),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    endsAt: at('ends_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId),
    index('sessions_parent_idx').on(t.parentSessionId),
    check('sessions_expiry_within_end', sql`${t.expiresAt} <= ${t.endsAt}`),
    check('sessions_channel_check', sql`${t.channel} in (${sqlList(LOGIN_CHANNELS)})`),
  ],
);

/** One-time tickets that carry a mini-program session into the web-view (hashed, ≤ 60 s, single use). */
export const loginTickets = pgTable(
  'login_tickets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: ownedByUser(),
    /** The mini-program session that asked for it: the web-view's session inherits its end. */
    sessionId: bigint('session_id', { mode: 'number' })
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    ticketHash: text('ticket_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('login_tickets_ticket_hash_key').on(t.ticketHash), index('login_tickets_expires_idx').on(t.expiresAt)],
);

export const addresses = pgTable(
  'addresses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownedByUser(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    areaCode: text('area_code').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    county: text('county').notNull(),
    detail: text('detail').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('addresses_user_idx').on(t.userId),
    // At most one default per customer, whatever races the application loses.
    uniqueIndex('addresses_one_default_per_user').on(t.userId).where(sql`${t.isDefault}`),
    check('addresses_phone_check', sql`${t.phone} ~ '^1[3-9][0-9]{9}$'`),
    check('addresses_area_code_check', sql`${t.areaCode} ~ '^[0-9]{6}$'`),
  ],
);

/** Who saw a customer's full personal data, when and why (PIPL): written by the action that needed it. */
export const personalDataAccessLog = pgTable(
  'personal_data_access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    viewerUserId: integer('viewer_user_id')
      .notNull()
      .references(() => users.id),
    subjectUserId: integer('subject_user_id')
      .notNull()
      .references(() => users.id),
    resource: text('resource').notNull(),
    resourceId: integer('resource_id'),
    purpose: text('purpose').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('personal_data_access_log_subject_idx').on(t.subjectUserId, t.createdAt)],
);

/** Fixed-window counters shared by every API process (login rate limits). */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    bucket: text('bucket').notNull(),
    windowStart: at('window_start').notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_limit_hits_window_idx').on(t.windowStart)],
);
