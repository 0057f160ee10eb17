import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Channel secrets at rest: AES-256-GCM with a random IV per write. The stored bytes are
 * `version | iv | tag | ciphertext`; a tampered or foreign-key blob fails authentication instead
 * of decrypting to garbage. `keyId` (the first bytes of the key's SHA-256) is stored beside each
 * blob so a desk holding another key can say which key it needs.
 */
export interface SecretBox {
  readonly keyId: string;
  seal(secrets: Readonly<Record<string, string>>): Buffer;
  open(blob: Buffer, keyId: string | null): Record<string, string>;
}

export class SecretKeyMismatchError extends Error {
  constructor(expected: string | null, actual: string, options?: { cause?: unknown }) {
    super(
      `These channel secrets were encrypted with key ${expected ?? '?'} but this engine has key ${actual}. ` +
        'Every desk and node sharing a database must share ATALAYA_SECRET_KEY (base64 of 32 bytes); set it to the same value everywhere.',
      options,
    );
    this.name = 'SecretKeyMismatchError';
  }
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`The secret key must be 32 bytes (AES-256); got ${key.length}`);
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return {
    keyId,
    seal(secrets) {
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(JSON.stringify(secrets), 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    open(blob, blobKeyId) {
      if (blobKeyId !== null && blobKeyId !== keyId) throw new SecretKeyMismatchError(blobKeyId, keyId);
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) throw new Error('Channel secrets are not in a known format');
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      try {
        const text = Buffer.concat([d.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
        return JSON.parse(text) as Record<string, string>;
      } catch (e) {
        throw new SecretKeyMismatchError(blobKeyId, keyId, { cause: e });
      }
    },
  };
}

/**
 * The engine's secret key: `ATALAYA_SECRET_KEY` (base64 of 32 bytes) when set, otherwise a key
 * generated once into `<dataDir>/secret.key` with mode 0600. Desks sharing one database must share
 * the key (set the variable); the generated file suits a single desk on its embedded database.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.ATALAYA_SECRET_KEY?.trim();
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32)
      throw new Error(`ATALAYA_SECRET_KEY must be base64 of exactly 32 bytes (got ${key.length}); make one with: openssl rand -base64 32`);
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key; restore it or set ATALAYA_SECRET_KEY`);
    return key;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx' refuses to overwrite a key another process wrote a moment ago; then read theirs.
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return key;
  } catch {
    return loadSecretKey(env, dataDir);
  }
}

const boxes = new Map<string, SecretBox>();
/** One box per key source in a process (the key file is read once). */
export function secretBoxFor(env: NodeJS.ProcessEnv, dataDir: string): SecretBox {
  const id = `${env.ATALAYA_SECRET_KEY ?? ''}|${dataDir}`;
  let box = boxes.get(id);
  if (!box) boxes.set(id, (box = createSecretBox(loadSecretKey(env, dataDir))));
  return box;
}

/** API keys: high-entropy random tokens, stored only as their SHA-256. */
export function newApiKey(): string {
  return `atk_${randomBytes(24).toString('base64url')}`;
}
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The secrets after an edit: a key with an empty value removes that secret, any other key sets
 * it, keys not named stay as they were.
 */
export function mergeSecrets(current: Readonly<Record<string, string>>, update: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}
