/** Green: the location can promise the quantity now; amber: some, not enough; grey: none. */
export function atpTone(l: { atp: number }, quantity: number): 'ok' | 'short' | 'none' {
  return l.atp >= quantity ? 'ok' : l.atp > 0 ? 'short' : 'none';
}
