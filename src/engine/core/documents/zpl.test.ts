import { describe, expect, it } from 'vitest';
import { LABEL_4X6_DOTS, scaleDots, zplEscape, ZplWriter } from './zpl';

describe('ZPL field escaping (^FH with _XX hex)', () => {
  it('escapes the three ZPL specials and the backslash, and leaves plain ASCII alone', () => {
    expect(zplEscape('A^B~C_D\\E')).toBe('A_5EB_7EC_5FD_5CE');
    expect(zplEscape('Av. Providencia 2124, Depto 4-B (#12)')).toBe('Av. Providencia 2124, Depto 4-B (#12)');
  });

  it('writes accented letters as their UTF-8 bytes, which ^CI28 reads back', () => {
    expect(zplEscape('Peñalolén')).toBe('Pe_C3_B1alol_C3_A9n');
    expect(zplEscape('São Paulo')).toBe('S_C3_A3o Paulo');
    expect(zplEscape('Ñandú')).toBe('_C3_91and_C3_BA');
  });

  it('writes an emoji as its four UTF-8 bytes (never a raw byte above 0x7F)', () => {
    expect(zplEscape('ok 📦')).toBe('ok _F0_9F_93_A6');
  });

  it('turns control characters into spaces: a newline in an address must not reach the printer', () => {
    expect(zplEscape('line1\nline2\tx\u0085y')).toBe('line1 line2 x y');
    expect(zplEscape('2:30\u202fPM')).toBe('2:30 PM');
  });

  it('round-trips: decoding the escapes gives the UTF-8 of the original', () => {
    const original = 'Dña. María ^~_ 😀 Conceição';
    const escaped = zplEscape(original);
    const bytes: number[] = [];
    for (let i = 0; i < escaped.length; i++) {
      if (escaped[i] === '_') {
        bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(escaped.charCodeAt(i));
    }
    expect(new TextDecoder().decode(new Uint8Array(bytes))).toBe(original);
  });
});

describe('ZPL writer', () => {
  it('starts ^XA^CI28 and ends ^XZ', () => {
    const zpl = new ZplWriter(203).text(10, 10, 'x', { height: 20, width: 100 }).toString();
    expect(zpl.startsWith('^XA\n^CI28\n')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
  });

  it('scales every coordinate by dpi: 4×6 is 812×1218 dots at 203 and 1200×1800 at 300', () => {
    expect(scaleDots(LABEL_4X6_DOTS.width, 300)).toBe(1200);
    expect(scaleDots(LABEL_4X6_DOTS.height, 300)).toBe(1800);
    expect(scaleDots(100, 203)).toBe(100);
    const at203 = new ZplWriter(203).text(100, 200, 'x', { height: 30, width: 400 }).box(30, 40, 752, 0, 3).toString();
    const at300 = new ZplWriter(300).text(100, 200, 'x', { height: 30, width: 400 }).box(30, 40, 752, 0, 3).toString();
    expect(at203).toContain('^PW812\n^LL1218');
    expect(at300).toContain('^PW1200\n^LL1800');
    expect(at203).toContain('^FO100,200^A0N,30,30^FB400,1,0,L,0');
    expect(at300).toContain('^FO148,296^A0N,44,44^FB591,1,0,L,0');
    expect(at300).toContain('^FO44,59^GB1111,4,4');
  });

  it('puts every field in ^FH and writes nothing but ASCII', () => {
    const zpl = new ZplWriter(300)
      .text(0, 0, 'Peñalolén ^ ~ _', { height: 20, width: 300 })
      .code128(0, 100, 'AT1043-1', { height: 100, module: 3 })
      .qr(0, 300, 'AT1043|AT1043-1', { magnification: 5 })
      .toString();
    for (const field of zpl.match(/\^F[DH][^\n]*?(?=\^FS)/g) ?? [])
      expect(field.startsWith('^FH^FD') || field.startsWith('^FD')).toBe(true);
    expect((zpl.match(/\^FD/g) ?? []).length).toBe((zpl.match(/\^FH\^FD/g) ?? []).length);
    expect([...zpl].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(zpl).toContain('^FH^FDPe_C3_B1alol_C3_A9n _5E _7E _5F^FS');
  });

  it('draws barcodes natively: ^BC with whole-dot modules, ^BQ with the ^BY height reset first', () => {
    const zpl = new ZplWriter(300)
      .code128(0, 0, 'AT1043-1', { height: 200, module: 3 })
      .qr(10, 20, 'AT1043|AT1043-1', { magnification: 6 })
      .toString();
    expect(zpl).toContain('^BY4,3,296^BCN,296,Y,N,N,A^FH^FDAT1043-1^FS');
    expect(zpl).toContain('^BY2,3,10^FO15,30^BQN,2,9^FH^FDMA,AT1043|AT1043-1^FS');
  });
});
