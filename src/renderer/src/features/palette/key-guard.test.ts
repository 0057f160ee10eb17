import { afterEach, describe, expect, it } from 'vitest';
import { detailActionFor, useDetailCommands } from './detail-commands.store';
import { isPaletteKey, isTypingTarget, modalIsOpen, shortcutAllowed, type KeyPress } from './key-guard';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, ...extra });
const press = (key: string, target: unknown = el('ASIDE'), mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('the shortcut guard', () => {
  it('treats text fields, text areas, selects and editable text as typing', () => {
    expect(isTypingTarget(el('INPUT'))).toBe(true);
    expect(isTypingTarget(el('input', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(el('INPUT', { type: 'number' }))).toBe(true);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('SELECT'))).toBe(true);
    expect(isTypingTarget(el('DIV', { isContentEditable: true }))).toBe(true);
  });

  it('lets keys act on buttons, rows, checkboxes and the panel itself', () => {
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(el('TR'))).toBe(false);
    expect(isTypingTarget(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(el('INPUT', { type: 'radio' }))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget('TEXTAREA')).toBe(false);
  });

  it('lets a plain key through, but not while typing, with Ctrl/Alt/⌘, over a modal, or once handled', () => {
    expect(shortcutAllowed(press('c'), false)).toBe(true);
    expect(shortcutAllowed(press('c', el('TEXTAREA')), false)).toBe(false);
    expect(shortcutAllowed(press('c', el('INPUT', { type: 'text' })), false)).toBe(false);
    expect(shortcutAllowed(press('c', el('SELECT')), false)).toBe(false);
    expect(shortcutAllowed(press('c', el('ASIDE'), { ctrlKey: true }), false)).toBe(false);
    expect(shortcutAllowed(press('c', el('ASIDE'), { metaKey: true }), false)).toBe(false);
    expect(shortcutAllowed(press('c', el('ASIDE'), { altKey: true }), false)).toBe(false);
    expect(shortcutAllowed(press('c'), true)).toBe(false);
    expect(shortcutAllowed(press('c', el('ASIDE'), { defaultPrevented: true }), false)).toBe(false);
  });

  it('knows the palette key on every platform, and only with Ctrl or ⌘', () => {
    expect(isPaletteKey(press('k', null, { ctrlKey: true }))).toBe(true);
    expect(isPaletteKey(press('K', null, { metaKey: true }))).toBe(true);
    expect(isPaletteKey(press('k'))).toBe(false);
    expect(isPaletteKey(press('k', null, { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isPaletteKey(press('j', null, { ctrlKey: true }))).toBe(false);
  });

  it('sees a modal by its aria-modal attribute', () => {
    expect(modalIsOpen({ querySelector: () => null })).toBe(false);
    expect(modalIsOpen({ querySelector: (s: string) => (s === '[aria-modal="true"]' ? ({} as Element) : null) })).toBe(true);
  });
});

describe('the detail panel’s action keys', () => {
  afterEach(() => useDetailCommands.setState({ runs: {} }));

  it('maps A, C, M and P (either case) to the actions, and nothing else — not the queue’s keys', () => {
    expect(detailActionFor(press('a'), false)).toBe('advance');
    expect(detailActionFor(press('C'), false)).toBe('cancel');
    expect(detailActionFor(press('m'), false)).toBe('move');
    expect(detailActionFor(press('p'), false)).toBe('print');
    for (const key of ['j', 'k', 'x', 'n', 'Enter', 'Escape', '?', 'ArrowDown']) expect(detailActionFor(press(key), false)).toBeNull();
  });

  it('does not fire while typing a reason, in a field, or over a dialog', () => {
    expect(detailActionFor(press('c', el('TEXTAREA')), false)).toBeNull();
    expect(detailActionFor(press('a', el('INPUT')), false)).toBeNull();
    expect(detailActionFor(press('m'), true)).toBeNull();
    expect(detailActionFor(press('p', el('ASIDE'), { ctrlKey: true }), false)).toBeNull();
  });

  it('runs only what a button on screen registered, and forgets it when the button goes', () => {
    let cancels = 0;
    const { registered, ran } = useDetailCommands.getState();
    expect(ran('cancel')).toBe(false);
    const unregister = registered('cancel', () => cancels++);
    expect(ran('cancel')).toBe(true);
    expect(cancels).toBe(1);
    expect(ran('advance')).toBe(false);
    unregister();
    expect(ran('cancel')).toBe(false);
    expect(cancels).toBe(1);
  });

  it('keeps a newer registration when an older one is removed late', () => {
    const calls: string[] = [];
    const { registered, ran } = useDetailCommands.getState();
    const first = registered('print', () => calls.push('first'));
    registered('print', () => calls.push('second'));
    first();
    expect(ran('print')).toBe(true);
    expect(calls).toEqual(['second']);
  });
});
