import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import bwipjs from 'bwip-js/node';

/** A pickup code: six digits from the OS's CSPRNG, read out at the counter or shown as a QR. */
export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** What the associate typed or the scanner sent, without the spaces and dashes people add when reading it out. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/**
 * Whether the code typed at the counter is the pickup's, compared in constant time: both sides are
 * hashed first, so neither the content nor the length of the stored code leaks through timing.
 */
export function codeMatches(stored: string, typed: string): boolean {
  const a = createHash('sha256').update(stored).digest();
  const b = createHash('sha256').update(normaliseCode(typed)).digest();
  return timingSafeEqual(a, b);
}

/** The QR the customer shows at the counter (it carries the code; a scanner types it into the code field). */
export function pickupQrSvg(code: string): string {
  return bwipjs.toSVG({ bcid: 'qrcode', text: code });
}
