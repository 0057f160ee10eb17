import { describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, hashPassword, needsRehash, parseHash, verifyNothing, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password twice gives two strings', async () => {
    const [a, b] = await Promise.all([hashPassword('same passphrase'), hashPassword('same passphrase')]);
    expect(a).not.toBe(b);
  });

  it('writes its parameters into the string, and reads them back', async () => {
    const stored = await hashPassword('pässwörd with ümlauts');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    const parsed = parseHash(stored)!;
    expect(parsed).toMatchObject(CURRENT_PARAMS);
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.key).toHaveLength(64);
    expect(needsRehash(stored)).toBe(false);
  });

  it('verifies a hash made with other parameters, and says it needs a new one', async () => {
    const old = await hashPassword('older passphrase', { N: 2 ** 14, r: 8, p: 1 });
    expect(old.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('older passphrase', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('a tampered string matches nothing', async () => {
    const stored = await hashPassword('tamper with me please');
    const parts = stored.split('$');
    const flipped = Buffer.from(parts[5]!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = [
      [...parts.slice(0, 5), flipped.toString('base64')].join('$'), // one bit of the hash
      [...parts.slice(0, 4), Buffer.alloc(16, 7).toString('base64'), parts[5]].join('$'), // another salt
      stored.replace('scrypt$32768$', 'scrypt$16384$'), // weaker parameters
      stored.replace('scrypt$', 'bcrypt$'),
      stored.replace('$8$1$', '$8$99$'), // out of bounds: p
      stored.replace('$32768$', '$1073741824$'), // out of bounds: N (would ask for 1 TiB)
      stored.replace('$32768$', '$30000$'), // not a power of two
      parts.slice(0, 5).join('$'), // no hash
      `${stored}$extra`,
      'not a hash at all',
      '',
    ];
    for (const t of tampered) expect(await verifyPassword('tamper with me please', t), t).toBe(false);
    expect(parseHash('scrypt$32768$8$1$c2FsdA==$aGFzaA==')).toBeNull(); // salt and key too short
  });

  it('spends a verification for a name that does not exist, and never matches', async () => {
    expect(await verifyNothing('anything at all')).toBe(false);
  });
});
