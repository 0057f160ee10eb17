import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets (session tokens, setup tokens, API keys): 256 random bits, base64url. They are
 * stored only as SHA-256 — a fast hash is right here, unlike for passwords: the secret is random
 * and long, so there is nothing to guess, and a lookup by hash is one index probe.
 */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export const sha256 = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** A short random id with a prefix naming what it is (`usr_…`, `ses_…`, `key_…`). */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;
