import { describe, expect, it } from 'vitest';
import { formatHostStatus, hostStatusHealth, parseHostStatus } from './zebra-status';

/** A reply as a ZT410 sends it when idle (ZPL II guide, ~HS example). */
const IDLE = '\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n';

describe('Zebra host status (~HS)', () => {
  it('reads an idle printer as ready', () => {
    const s = parseHostStatus(IDLE);
    expect(s).toMatchObject({ paperOut: false, paused: false, headUp: false, ribbonOut: false, formatsInBuffer: 0, labelsRemaining: 0 });
    expect(hostStatusHealth(s!)).toEqual({ state: 'ready', detail: null });
  });

  it('reads field 2 of line 1 as paper out and field 3 as pause; paper out wins', () => {
    const s = parseHostStatus(IDLE.replace('030,0,0,', '030,1,1,'))!;
    expect(s.paperOut).toBe(true);
    expect(s.paused).toBe(true);
    expect(hostStatusHealth(s)).toEqual({ state: 'paper_out', detail: 'paper out, paused' });
  });

  it('reads field 3 of line 2 as the head open and field 4 as ribbon out', () => {
    const s = parseHostStatus(IDLE.replace('001,0,0,0,', '001,0,1,1,'))!;
    expect(hostStatusHealth(s)).toEqual({ state: 'error', detail: 'head open, ribbon out' });
  });

  it('says printing while formats or labels are waiting', () => {
    const s = parseHostStatus(IDLE.replace('00000000', '00000003'))!;
    expect(hostStatusHealth(s).state).toBe('printing');
  });

  it('accepts a reply that arrives with the frames split and extra whitespace; refuses one that is not ~HS', () => {
    expect(parseHostStatus(` ${IDLE}\r\n`)).not.toBeNull();
    expect(parseHostStatus('\x02hello\x03')).toBeNull();
    expect(parseHostStatus('')).toBeNull();
  });

  it('formats what it parses (the test listener answers with it)', () => {
    const s = parseHostStatus(formatHostStatus({ paperOut: true, headUp: true, labelsRemaining: 12 }))!;
    expect(s).toMatchObject({ paperOut: true, headUp: true, paused: false, labelsRemaining: 12 });
    expect(formatHostStatus().split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});
