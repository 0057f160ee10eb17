import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard: a stolen `users` table costs an attacker 32 MiB of
 * memory per guess, which is what makes GPUs and ASICs slow at it). The stored string names its
 * own parameters — `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` — so raising the cost later needs no
 * migration: old hashes still verify, and {@link needsRehash} says when to store a new one.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's floor for scrypt (2^15, 8, 1): about 50–100 ms and 32 MiB per hash on a desk. */
export const CURRENT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 64;
const SALT_BYTES = 16;

/** scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default, exactly our need), so leave headroom. */
const maxmemFor = ({ N, r, p }: ScryptParams) => 128 * N * r * p + 32 * 1024 * 1024;

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a password with fresh salt and the current parameters. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export interface ParsedHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads a stored hash, or null when it is not one this code wrote. The bounds refuse a tampered
 * row that would make verifying cost gigabytes (N) or minutes (p).
 */
export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : Number.NaN)) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  if (!B64.test(parts[4]!) || !B64.test(parts[5]!)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < SALT_BYTES || key.length < 32 || key.length > 128) return null;
  return { N, r, p, salt, key };
}

/** Whether `password` matches `stored`, compared in constant time. A malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a hash that just verified was made with other parameters than today's (store a new one). */
export function needsRehash(stored: string): boolean {
  const p = parseHash(stored);
  return !p || p.N !== CURRENT_PARAMS.N || p.r !== CURRENT_PARAMS.r || p.p !== CURRENT_PARAMS.p || p.key.length !== KEY_BYTES;
}

let dummy: Promise<string> | undefined;

/** The hash {@link verifyNothing} checks against, made once per process (call early so the first unknown name is not slower). */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not a password of anyone'));
}

/**
 * Spends the time of one verification without a user to verify: a sign-in with a name that does
 * not exist (or cannot use a password) takes as long as a wrong password, so timing does not tell
 * which names exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  await verifyPassword(password, await dummyHash());
  return false;
}
