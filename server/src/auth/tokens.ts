import { createHash, randomBytes } from 'node:crypto';

/**
 * Session tokens and web-view tickets: 256 random bits, URL-safe. Only their SHA-256 is
 * stored, so the database alone cannot log anyone in. A fast hash is right here: the input
 * is random, not a password, so there is nothing to brute-force.
 */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const SESSION_TOKEN_PREFIX = 'qds_';
export const LOGIN_TICKET_PREFIX = 'qdt_';

/** What a bearer token looks like; anything else is refused before the database is asked. */
export const SESSION_TOKEN_PATTERN = /^qds_[A-Za-z0-9_-]{43}$/;
