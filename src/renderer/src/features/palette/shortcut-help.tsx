import { Fragment, useEffect, useRef } from 'react';
import { useT } from '../../i18n/locale.store';
import { deskShortcuts } from './desk-shortcuts';
import { trapTab } from './focus-trap';
import { usePaletteStore } from './palette.store';

/** The `?` overlay: every keyboard shortcut of the desk — anywhere, the queue, the order panel, the palette. */
export function ShortcutHelp() {
  const { t } = useT();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      className="palette-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && usePaletteStore.getState().closed()}
    >
      <div
        className="palette key-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="key-help-title"
        data-testid="shortcut-help"
        onKeyDown={(e) => {
          trapTab(e);
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            usePaletteStore.getState().closed();
          }
        }}
      >
        <div className="key-help-head">
          <h2 id="key-help-title">{t('keys.help.title')}</h2>
          <button
            ref={close}
            type="button"
            className="ghost"
            data-testid="shortcut-help-close"
            onClick={() => usePaletteStore.getState().closed()}
          >
            {t('keys.help.close')}
          </button>
        </div>
        <div className="key-help-sections">
          {deskShortcuts().map((section) => (
            <section key={section.title} className="key-help-section">
              <h3>{t(section.title)}</h3>
              <dl>
                {section.lines.map((line) => (
                  <Fragment key={line.does}>
                    <dt>
                      {line.keys.map((k) => (
                        <kbd key={k} className="key-hint">
                          {k}
                        </kbd>
                      ))}
                    </dt>
                    <dd>{t(line.does)}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="muted small">{t('keys.note')}</p>
      </div>
    </div>
  );
}
