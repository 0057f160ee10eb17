import type { PrinterHealth } from '../../../shared';

/**
 * Zebra's host status (`~HS`, ZPL II Programming Guide): the printer answers three lines, each
 * framed STX … ETX CR LF, of comma-separated fields:
 *
 * 1. `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l` — communication settings, **paper out**, **pause**, label
 *    length, formats in the receive buffer, buffer full, diagnostic mode, partial format, unused,
 *    corrupt RAM, under temperature, over temperature;
 * 2. `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www` — function settings, unused, **head up**, **ribbon out**,
 *    thermal transfer, print mode, print width mode, label waiting, labels remaining in the batch,
 *    format while printing, graphics stored;
 * 3. `xxxx,y` — password, static RAM installed.
 */
export interface ZebraHostStatus {
  paperOut: boolean;
  paused: boolean;
  headUp: boolean;
  ribbonOut: boolean;
  bufferFull: boolean;
  corruptRam: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  /** Formats waiting in the receive buffer. */
  formatsInBuffer: number;
  /** Labels still to print in the current batch. */
  labelsRemaining: number;
}

const STX = 0x02;
const ETX = 0x03;

/** The STX … ETX frames found so far in `text` (a reply may arrive in pieces). */
export function hostStatusFrames(text: string): string[] {
  const frames: string[] = [];
  const re = new RegExp(`${String.fromCharCode(STX)}([^${String.fromCharCode(ETX)}]*)${String.fromCharCode(ETX)}`, 'g');
  for (const m of text.matchAll(re)) frames.push(m[1] ?? '');
  return frames;
}

/** Parses a complete ~HS reply; null when it is not one (fewer than two frames, wrong field counts). */
export function parseHostStatus(reply: string): ZebraHostStatus | null {
  const [line1, line2] = hostStatusFrames(reply).map((f) => f.split(',').map((s) => s.trim()));
  if (!line1 || !line2 || line1.length < 12 || line2.length < 11) return null;
  const flag = (v: string | undefined) => v === '1';
  const int = (v: string | undefined) => {
    const n = Number.parseInt(v ?? '', 10);
    return Number.isFinite(n) ? n : 0;
  };
  return {
    paperOut: flag(line1[1]),
    paused: flag(line1[2]),
    formatsInBuffer: int(line1[4]),
    bufferFull: flag(line1[5]),
    corruptRam: flag(line1[9]),
    underTemperature: flag(line1[10]),
    overTemperature: flag(line1[11]),
    headUp: flag(line2[2]),
    ribbonOut: flag(line2[3]),
    labelsRemaining: int(line2[8]),
  };
}

/**
 * What the status means for Atalaya: the worst condition wins (a person must act on paper or the
 * head before anything prints); `detail` lists every flag that is up, for the printer strip.
 */
export function hostStatusHealth(s: ZebraHostStatus): Omit<PrinterHealth, 'checkedAt'> {
  const flags = [
    s.paperOut && 'paper out',
    s.headUp && 'head open',
    s.ribbonOut && 'ribbon out',
    s.paused && 'paused',
    s.bufferFull && 'receive buffer full',
    s.corruptRam && 'corrupt RAM',
    s.underTemperature && 'head under temperature',
    s.overTemperature && 'head over temperature',
  ].filter((f): f is string => typeof f === 'string');
  const detail = flags.length > 0 ? flags.join(', ') : null;
  if (s.paperOut) return { state: 'paper_out', detail };
  if (s.headUp || s.ribbonOut || s.corruptRam || s.overTemperature) return { state: 'error', detail };
  if (s.paused) return { state: 'paused', detail };
  if (s.formatsInBuffer > 0 || s.labelsRemaining > 0 || s.bufferFull) {
    return { state: 'printing', detail: detail ?? `${s.formatsInBuffer} formats queued, ${s.labelsRemaining} labels to print` };
  }
  return { state: 'ready', detail };
}

/** Builds a ~HS reply (for the tests' JetDirect listener and unit tests): the three framed lines. */
export function formatHostStatus(s: Partial<ZebraHostStatus> = {}): string {
  const b = (v: boolean | undefined) => (v ? '1' : '0');
  const f = (line: string) => `${String.fromCharCode(STX)}${line}${String.fromCharCode(ETX)}\r\n`;
  const formats = String(s.formatsInBuffer ?? 0).padStart(3, '0');
  const remaining = String(s.labelsRemaining ?? 0).padStart(8, '0');
  return (
    f(
      `030,${b(s.paperOut)},${b(s.paused)},1218,${formats},${b(s.bufferFull)},0,0,000,${b(s.corruptRam)},${b(s.underTemperature)},${b(s.overTemperature)}`,
    ) +
    f(`001,0,${b(s.headUp)},${b(s.ribbonOut)},0,2,6,0,${remaining},1,000`) +
    f('1234,0')
  );
}
