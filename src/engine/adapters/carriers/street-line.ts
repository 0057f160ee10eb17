/**
 * Our addresses carry one street line ("Av. Vasconcelos 1400 int. 3"); Envia (MX) and Melhor Envio
 * (BR) ask for street and door number apart, as their forms do. The door number is a number after
 * the street name that ends the line, comes before a comma, or before the complement (interior,
 * apartment, floor…) — so numbers that name the street stay in it ("Calle 13 1450", "Rua 7 de
 * Setembro 200"). Failing that, the first number not followed by another. No number: "S/N".
 */

const PREFIX = /^(?:n[º°o]\.?|#)$/i;
const NUMBER = /^\d+[A-Za-z]?(?:-\d+)?$/;
const COMPLEMENT =
  /^(?:int|interior|depto|dpto|departamento|apto|apt|ap|apartamento|sala|piso|andar|bloco|bl|bloque|casa|lote|lt|local|loja|of|oficina|torre|mz|manzana|edif|edificio|fundos|conj|conjunto|cj|km)\b/i;
const bare = (t: string) => t.replace(/[,;]+$/, '').replace(/^(?:n[º°o]\.?|#)(?=\d)/i, '');

export function splitStreetLine(line: string): { street: string; number: string; complement: string } {
  const tokens = line.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const at = (i: number) => {
    const before = tokens.slice(0, i);
    if (before.length > 1 && PREFIX.test(bare(before.at(-1)!))) before.pop();
    return {
      street: before.join(' ').replace(/[,;]+$/, ''),
      number: bare(tokens[i]!),
      complement: tokens
        .slice(i + 1)
        .join(' ')
        .replace(/^[,;\s]+/, ''),
    };
  };
  const candidates = tokens.map((t, i) => i).filter((i) => i > 0 && NUMBER.test(bare(tokens[i]!)));
  const clear = candidates.find((i) => {
    const next = tokens[i + 1];
    return next === undefined || /[,;]$/.test(tokens[i]!) || COMPLEMENT.test(next);
  });
  if (clear !== undefined) return at(clear);
  const loose = candidates.find((i) => tokens[i + 1] === undefined || !NUMBER.test(bare(tokens[i + 1]!)));
  if (loose !== undefined) return at(loose);
  return { street: tokens.join(' '), number: 'S/N', complement: '' };
}
