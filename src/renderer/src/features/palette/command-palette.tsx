import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/locale.store';
import { useQueueViewsStore } from '../orders/queue-views.store';
import { useMay } from '../session/use-may';
import { trapTab } from './focus-trap';
import { rankCommands } from './palette-match';
import { usePaletteStore } from './palette.store';
import { usePaletteCommands, type CommandGroup, type PaletteCommand } from './use-palette-commands';

const GROUP_LABEL = {
  order: 'palette.group.order',
  actions: 'palette.group.actions',
  go: 'palette.group.go',
  queue: 'palette.group.queue',
  language: 'palette.group.language',
} as const satisfies Record<CommandGroup, string>;

/**
 * The command palette (Ctrl+K / ⌘K): a search box over everything the desk can do from the
 * keyboard. ↑/↓ move the active command (announced through `aria-activedescendant`, focus stays in
 * the box), Enter runs it, Escape closes and hands focus back; Tab stays inside while it is open.
 */
export function CommandPalette() {
  const { t } = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commands = usePaletteCommands(query);
  const shown = useMemo(() => rankCommands(commands, query), [commands, query]);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const mayViews = useMay('orders.views.list').ok;
  const at = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (c: PaletteCommand) => `${listId}-${c.id}`;

  useEffect(() => {
    input.current?.focus();
    // The saved views load with the queue; a person who opened another view first gets them here.
    if (mayViews && useQueueViewsStore.getState().views.length === 0) void useQueueViewsStore.getState().loadRequested();
  }, [mayViews]);
  useEffect(() => {
    const el = shown[at] ? document.getElementById(optionId(shown[at])) : null;
    el?.scrollIntoView({ block: 'nearest' });
  });

  const runCommand = async (c: PaletteCommand | undefined) => {
    if (!c || working) return;
    const { closed } = usePaletteStore.getState();
    if (c.run) {
      closed();
      c.run();
      return;
    }
    setWorking(true);
    setError(null);
    const outcome = await c.lookup();
    setWorking(false);
    if (typeof outcome === 'string') return setError(outcome);
    closed();
    outcome();
  };

  return (
    <div
      className="palette-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && usePaletteStore.getState().closed()}
    >
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.title')}
        data-testid="command-palette"
        onKeyDown={(e) => {
          trapTab(e);
          if (e.key === 'Escape') {
            // Stopped here: the desk's own Escape (which closes the order panel) must not see it.
            e.preventDefault();
            e.stopPropagation();
            usePaletteStore.getState().closed();
          }
        }}
      >
        <input
          ref={input}
          className="palette-input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown[at] ? optionId(shown[at]) : undefined}
          aria-label={t('palette.search')}
          placeholder={t('palette.search')}
          data-testid="palette-input"
          value={query}
          maxLength={120}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive(shown.length ? (at + step + shown.length) % shown.length : 0);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              void runCommand(shown[at]);
            }
          }}
        />
        <ul className="palette-list" id={listId} role="listbox" aria-label={t('palette.title')} data-testid="palette-list">
          {shown.map((c, i) => {
            const head = c.group !== shown[i - 1]?.group ? t(GROUP_LABEL[c.group]) : null;
            return (
              <Fragment key={c.id}>
                {head ? (
                  <li className="palette-group" role="presentation" aria-hidden="true">
                    {head}
                  </li>
                ) : null}
                <li
                  id={optionId(c)}
                  role="option"
                  aria-selected={i === at}
                  className={i === at ? 'palette-option on' : 'palette-option'}
                  data-testid="palette-option"
                  data-command={c.id}
                  onMouseMove={() => i !== at && setActive(i)}
                  onClick={() => void runCommand(c)}
                >
                  <span className="palette-label">
                    {c.label}
                    {c.current ? (
                      <span className="palette-current" aria-hidden="true">
                        {' '}
                        ✓
                      </span>
                    ) : null}
                  </span>
                  {c.shortcut ? (
                    <kbd className="key-hint" aria-label={t('keys.shortcut', { key: c.shortcut })}>
                      {c.shortcut}
                    </kbd>
                  ) : null}
                </li>
              </Fragment>
            );
          })}
        </ul>
        {shown.length === 0 ? (
          <p className="palette-empty muted" role="status">
            {t('palette.empty', { query })}
          </p>
        ) : null}
        {working ? (
          <p className="palette-status muted" role="status">
            {t('palette.working')}
          </p>
        ) : null}
        {error ? (
          <p className="palette-status error" role="alert" data-testid="palette-error">
            {error}
          </p>
        ) : null}
        <p className="palette-hint muted small">{t('palette.hint')}</p>
      </div>
    </div>
  );
}
