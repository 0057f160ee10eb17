import { describe, expect, it } from 'vitest';
import { PRINT_JOB_TRANSITIONS } from '../../../shared';
import { statusGuard } from '../../db/sql';
import { backoffMs, formatFor, isHealthy, noPrinterMessage, paperFor, routeProblem } from './print-policy';

describe('print policy', () => {
  it('prints sheets as PDF everywhere and labels in the printer’s language', () => {
    expect(formatFor('pick_list', 'zpl')).toBe('pdf');
    expect(formatFor('packing_slip', null)).toBe('pdf');
    expect(formatFor('shipping_label', 'zpl')).toBe('zpl');
    expect(formatFor('shipping_label', 'pdf')).toBe('pdf');
    expect(formatFor('pickup_label', null)).toBe('zpl');
  });

  it('lays labels out on 4×6 and sheets on the printer’s A4 or Letter', () => {
    expect(paperFor('shipping_label', { paper: 'A4' })).toBe('4x6');
    expect(paperFor('pick_list', { paper: 'Letter' })).toBe('Letter');
    expect(paperFor('pick_list', { paper: '4x6' })).toBe('A4');
    expect(paperFor('packing_slip', null)).toBe('A4');
  });

  it('refuses a sheet on a ZPL printer, naming the printer and what to do', () => {
    expect(routeProblem('pick_list', { name: 'Zebra muelle 2', language: 'zpl' })).toMatch(
      /Zebra muelle 2 is a ZPL.*pick list.*PDF printer/,
    );
    expect(routeProblem('pick_list', { name: 'Laser', language: 'pdf' })).toBeNull();
    expect(routeProblem('shipping_label', { name: 'Laser', language: 'pdf' })).toBeNull();
  });

  it('backs off 2 s doubling up to 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(backoffMs(0)).toBe(2000);
  });

  it('takes only ready or printing printers as healthy', () => {
    expect(['ready', 'printing', 'offline', 'unknown', 'paper_out'].filter(isHealthy)).toEqual(['ready', 'printing']);
  });

  it('says where to set a printer up when none is routed', () => {
    expect(noPrinterMessage('pick_list', 'Depósito 1')).toBe('no printer for pick list at station Depósito 1: set one up under Printers');
  });

  it('derives the sender’s guards from the print job lifecycle', () => {
    expect(statusGuard(PRINT_JOB_TRANSITIONS, 'sending')).toBe(`('queued')`);
    expect(statusGuard(PRINT_JOB_TRANSITIONS, 'queued', ['sending'])).toBe(`('sending')`);
    expect(statusGuard(PRINT_JOB_TRANSITIONS, 'cancelled')).toBe(`('queued', 'failed')`);
    expect(() => statusGuard(PRINT_JOB_TRANSITIONS, 'failed', ['queued'])).toThrow(/no move queued → failed/);
  });
});
