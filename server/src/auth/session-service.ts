import type { Db, Tx } from '@qiaodu/db';
import { LOGIN_TICKET_TTL_SECONDS, type LoginChannel, type LoginResponse, type LoginTicket } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import type { CachedSession, SessionCacheHandle } from './session-cache';
import { createSessionRepository, type SessionRow } from './session-repository';
import { LOGIN_TICKET_PREFIX, SESSION_TOKEN_PATTERN, SESSION_TOKEN_PREFIX, hashSecret, newSecret } from './tokens';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SessionLifetimes {
  /** A session unused this long expires; every use pushes the expiry forward (sliding). */
  idleDays: number;
  /** No session lives longer than this from login, however often it is used. */
  maxDays: number;
}

export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = { idleDays: 30, maxDays: 90 };

/** Renewal writes at most once an hour per session, not on every request. */
const RENEW_AFTER_MS = HOUR_MS;

function toActor(row: SessionRow): Actor {
  return {
    userId: row.userId,
    sessionId: row.sessionId,
    channel: row.channel,
    expiresAt: row.expiresAt,
    roles: new Set(row.roles),
    memberships: new Map(row.memberships.map(([teamId, post, isLead]) => [teamId, { post, isLead }])),
    supervisedTeamIds: new Set(row.supervisedTeamIds),
    partnerId: row.partnerId,
    partnerTeamIds: new Set(row.partnerTeamIds),
  };
}

/**
 * `cache` (absent: none) keeps the actors of recently used tokens, so most requests do not
 * look their session up in the database; see session-cache.ts for when it is emptied.
 */
export function createSessionService(
  db: Db,
  clock: () => Date,
  lifetimes: SessionLifetimes = DEFAULT_SESSION_LIFETIMES,
  cache: SessionCacheHandle | null = null,
) {
  const repository = createSessionRepository(db);

  /** A cached actor answers only while nothing about it needs the database. */
  function usable(hit: CachedSession, now: Date, maxAgeMs: number): boolean {
    return (
      now.getTime() < hit.actor.expiresAt.getTime() &&
      // A renewal is due: the database path writes it (and re-caches the actor).
      now.getTime() - hit.lastSeenAtMs < RENEW_AFTER_MS &&
      performance.now() - hit.storedAt < maxAgeMs
    );
  }

  /** The database's answer; renews the session at most hourly. */
  async function lookUp(tokenHash: string, now: Date): Promise<{ actor: Actor; lastSeenAtMs: number } | null> {
    const row = await repository.findLive(tokenHash, now);
    if (!row || row.status !== 'active') return null;
    if (now.getTime() - row.lastSeenAt.getTime() >= RENEW_AFTER_MS) {
      row.expiresAt = expiryFor(row.endsAt, now);
      await repository.extend(row.sessionId, now, row.expiresAt);
      row.lastSeenAt = now;
    }
    return { actor: toActor(row), lastSeenAtMs: row.lastSeenAt.getTime() };
  }

  function expiryFor(endsAt: Date, now: Date): Date {
    return new Date(Math.min(now.getTime() + lifetimes.idleDays * DAY_MS, endsAt.getTime()));
  }

  /** A new session; one opened from a web-view ticket ends with the session that issued the ticket. */
  async function openSession(
    tx: Tx,
    userId: number,
    channel: LoginChannel,
    parent: { sessionId: number; endsAt: Date } | null = null,
  ): Promise<LoginResponse> {
    const user = await repository.findUser(tx, userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
    const now = clock();
    const token = newSecret(SESSION_TOKEN_PREFIX);
    const endsAt = parent?.endsAt ?? new Date(now.getTime() + lifetimes.maxDays * DAY_MS);
    const expiresAt = expiryFor(endsAt, now);
    await repository.insertSession(tx, {
      userId,
      tokenHash: hashSecret(token),
      channel,
      now,
      expiresAt,
      endsAt,
      parentSessionId: parent?.sessionId ?? null,
    });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, displayName: user.displayName, avatarUrl: user.avatarUrl, roles: user.roles },
    };
  }

  return {
    /** Logs a known user in (WeChat, demo): refused for disabled and deleted accounts. */
    login(userId: number, channel: LoginChannel): Promise<LoginResponse> {
      return db.transaction((tx) => openSession(tx, userId, channel));
    },

    /** The caller behind a bearer token, or null for a missing, tampered, expired or revoked one. */
    async authenticate(token: string): Promise<Actor | null> {
      if (!SESSION_TOKEN_PATTERN.test(token)) return null;
      const now = clock();
      const tokenHash = hashSecret(token);
      if (!cache) return (await lookUp(tokenHash, now))?.actor ?? null;
      const hit = cache.entries.get(tokenHash);
      if (hit && usable(hit, now, cache.maxAgeMs)) return hit.actor;
      // Taken before reading: a change notified while we read must not be cached over.
      const generation = cache.entries.generation;
      const found = await lookUp(tokenHash, now);
      // Only found sessions are kept: "no such token" is never cached, so a new login works at once.
      if (found) cache.entries.set(tokenHash, { ...found, storedAt: performance.now() }, generation);
      return found?.actor ?? null;
    },

    async logout(actor: Actor): Promise<void> {
      await repository.revoke(actor.sessionId, clock());
      // The NOTIFY comes back over another connection; the same client's next request may be faster.
      cache?.entries.invalidate();
    },

    revokeAllOfUser(tx: Db | Tx, userId: number): Promise<void> {
      return repository.revokeAllOfUser(tx, userId, clock());
    },

    /**
     * A one-time ticket that carries the mini-program's session into the web-view's URL. A
     * session that itself came from a ticket cannot issue one: no chain of tickets can outlive
     * the login it started from.
     */
    async issueTicket(actor: Actor): Promise<LoginTicket> {
      if (actor.channel === 'web_view_ticket') throw new AppError('FORBIDDEN', '网页内的登录不能再签发登录票据');
      const now = clock();
      const ticket = newSecret(LOGIN_TICKET_PREFIX);
      const expiresAt = new Date(now.getTime() + LOGIN_TICKET_TTL_SECONDS * 1000);
      await repository.insertTicket({ userId: actor.userId, sessionId: actor.sessionId, ticketHash: hashSecret(ticket), now, expiresAt });
      return { ticket, expiresAt: expiresAt.toISOString() };
    },

    /** Exchanges a ticket for a session of its own; a used, expired or unknown ticket is refused. */
    redeemTicket(ticket: string): Promise<LoginResponse> {
      return db.transaction(async (tx) => {
        const redeemed = await repository.consumeTicket(tx, hashSecret(ticket), clock());
        if (!redeemed) throw new AppError('LOGIN_TICKET_INVALID');
        return openSession(tx, redeemed.userId, 'web_view_ticket', redeemed);
      });
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
