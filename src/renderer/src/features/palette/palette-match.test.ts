import { describe, expect, it } from 'vitest';
import { matchScore, normalize, parseOrderNumber, rankCommands } from './palette-match';

const cmds = [
  { id: 'go-tower', label: 'Ir a Torre de control', keywords: 'vista pestaña abrir ir' },
  { id: 'go-inventory', label: 'Ir a Inventario', keywords: 'vista pestaña abrir ir' },
  { id: 'move', label: 'Mover el pedido #1042 a otra ubicación…', keywords: '1042' },
  { id: 'late', label: 'Ver los pedidos atrasados', keywords: 'filtro cola plazo sla atraso' },
  { id: 'lang-pt', label: 'Idioma: Português (Brasil)', keywords: 'idioma língua language pt-BR' },
];
const ids = (q: string) => rankCommands(cmds, q).map((c) => c.id);

describe('matching commands in the palette', () => {
  it('lists every command in its own order for an empty query', () => {
    expect(ids('')).toEqual(cmds.map((c) => c.id));
    expect(ids('   ')).toEqual(cmds.map((c) => c.id));
  });

  it('ignores case and accents on both sides', () => {
    expect(normalize('  Ubicación  ÁRBOL ')).toBe('ubicacion arbol');
    expect(ids('UBICACION')).toEqual(['move']);
    expect(ids('portugues')).toEqual(['lang-pt']);
    expect(ids('inventário')).toEqual(['go-inventory']);
  });

  it('needs every word typed, in any order', () => {
    expect(ids('control torre')).toEqual(['go-tower']);
    expect(ids('torre inventario')).toEqual([]);
    expect(ids('zzz')).toEqual([]);
  });

  it('ranks a label that begins with the text, then word starts, then inside a word, then keywords only', () => {
    const list = [
      { id: 'keyword', label: 'Ver los pedidos atrasados', keywords: 'cola' },
      { id: 'inside', label: 'Escolar', keywords: '' },
      { id: 'word', label: 'Vista de la cola: urgentes', keywords: '' },
      { id: 'prefix', label: 'Cola de pedidos', keywords: '' },
    ];
    expect(rankCommands(list, 'cola').map((c) => c.id)).toEqual(['prefix', 'word', 'inside', 'keyword']);
    expect(matchScore(list[3]!, 'cola')).toBe(0);
    expect(matchScore(list[2]!, 'cola')).toBe(1);
    expect(matchScore(list[1]!, 'cola')).toBe(2);
    expect(matchScore(list[0]!, 'cola')).toBe(3);
    expect(matchScore(list[1]!, 'torre')).toBeNull();
  });

  it('keeps the list order between commands of the same rank (a stable sort)', () => {
    expect(ids('ir a')).toEqual(['go-tower', 'go-inventory']);
    // Both match only through their keywords; the tower comes first as listed.
    expect(ids('pestaña')).toEqual(['go-tower', 'go-inventory']);
  });

  it('finds the open order’s actions by its number', () => {
    expect(ids('1042')).toEqual(['move']);
    expect(ids('#1042')).toEqual(['move']);
  });
});

describe('an order number typed in the palette', () => {
  it('reads "#1042", "1042" and "# 1042"', () => {
    expect(parseOrderNumber('#1042')).toBe(1042);
    expect(parseOrderNumber('1042')).toBe(1042);
    expect(parseOrderNumber(' # 1042 ')).toBe(1042);
  });
  it('is not a word, a number with other text, zero, or a number too big to be exact', () => {
    expect(parseOrderNumber('ir a 1042')).toBeNull();
    expect(parseOrderNumber('1042a')).toBeNull();
    expect(parseOrderNumber('#')).toBeNull();
    expect(parseOrderNumber('0')).toBeNull();
    expect(parseOrderNumber('-5')).toBeNull();
    expect(parseOrderNumber('9'.repeat(16))).toBeNull();
  });
});
