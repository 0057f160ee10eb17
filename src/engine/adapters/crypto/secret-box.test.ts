import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, hashApiKey, loadSecretKey, newApiKey, sameHash, SecretKeyMismatchError } from './secret-box';

describe('channel secrets at rest (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const blob = box.seal({ webhookSecret: 'shpss_very_secret', token: 'abc' });
    expect(blob.includes(Buffer.from('shpss_very_secret'))).toBe(false);
    expect(box.open(blob, box.keyId)).toEqual({ webhookSecret: 'shpss_very_secret', token: 'abc' });
    expect(box.seal({ a: 'x' }).equals(box.seal({ a: 'x' }))).toBe(false); // a fresh IV each time
  });

  it('refuses a tampered blob and names a foreign key', () => {
    const blob = box.seal({ a: 'x' });
    blob[blob.length - 1]! ^= 1;
    expect(() => box.open(blob, box.keyId)).toThrow(SecretKeyMismatchError);
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(box.seal({ a: 'x' }), box.keyId)).toThrow(/ATALAYA_SECRET_KEY/);
  });

  it('takes the key from the environment, or generates one 0600 file once', () => {
    const k = randomBytes(32);
    expect(loadSecretKey({ ATALAYA_SECRET_KEY: k.toString('base64') }, '/nonexistent').equals(k)).toBe(true);
    expect(() => loadSecretKey({ ATALAYA_SECRET_KEY: 'c2hvcnQ=' }, '/nonexistent')).toThrow(/32 bytes/);
    const dir = mkdtempSync(join(tmpdir(), 'atalaya-key-'));
    const first = loadSecretKey({}, dir);
    expect(loadSecretKey({}, dir).equals(first)).toBe(true);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('API keys are random and kept as hashes compared in constant time', () => {
    const a = newApiKey();
    expect(a).not.toBe(newApiKey());
    expect(hashApiKey(a)).not.toContain(a);
    expect(sameHash(hashApiKey(a), hashApiKey(a))).toBe(true);
    expect(sameHash(hashApiKey(a), hashApiKey(`${a}x`))).toBe(false);
  });
});
