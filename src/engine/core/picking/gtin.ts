/**
 * GTIN (EAN/UPC) check digits: the last digit of a GTIN-8/12/13/14 is computed from the others
 * (weights 3 and 1 from the right), so a mistyped or misread code is caught before it names the
 * wrong product.
 */

/** The check digit for a GTIN's digits without it (7, 11, 12 or 13 digits). */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`a GTIN is digits only, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is a GTIN-8, 12, 13 or 14 whose check digit is right. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** A GTIN-13 from its first 12 digits (prefix, company, item), with its check digit. */
export function gtin13(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`a GTIN-13 needs 12 digits before its check digit, got "${first12}"`);
  return first12 + String(gtinCheckDigit(first12));
}
