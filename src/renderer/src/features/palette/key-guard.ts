/**
 * When a letter key may act as a shortcut: never while the person types (a text field, a text
 * area, a select, editable text), never with Ctrl/Alt/⌘ held (those are the browser's and the
 * palette's), and never while a modal dialog is open (its keys are its own).
 */

/** Input types that hold no text: a letter typed on them is not writing. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** What the guard reads of an event's target (an Element in the desk; a plain object in tests). */
export interface KeyTarget {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Whether keys pressed on `target` are text being written. */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const t = target as KeyTarget;
  const tag = (t.tagName ?? '').toUpperCase();
  if (t.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NOT_TEXT.has((t.type ?? 'text').toLowerCase());
}

/** What the guard reads of a key event. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: unknown;
  defaultPrevented?: boolean;
}

/** Whether a plain key press (a letter, `?`) may run a shortcut; `modalOpen` says whether a modal dialog is on screen. */
export function shortcutAllowed(e: KeyPress, modalOpen: boolean): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (modalOpen) return false;
  return !isTypingTarget(e.target);
}

/** Whether the key press is the palette's: Ctrl+K, or ⌘K on a Mac. */
export function isPaletteKey(e: Pick<KeyPress, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
}

/** Whether a modal dialog is on screen in `doc` (the palette, the override dialog, a change of password…). */
export function modalIsOpen(doc: Pick<Document, 'querySelector'> = document): boolean {
  return doc.querySelector('[aria-modal="true"]') !== null;
}
