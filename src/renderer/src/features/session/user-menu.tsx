import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { roleName } from '../../i18n/forbidden';
import { useT } from '../../i18n/locale.store';
import { ChangePasswordDialog } from './change-password-dialog';
import { selectUser, useSessionStore } from './session.store';

/** Who is signed in (display name and role), and their menu: change password, sign out. */
export function UserMenu() {
  const { t, locale } = useT();
  const user = useSessionStore(selectUser);
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', away);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);
  if (!user) return null;
  const role = roleName(locale, user.role);
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user"
        data-testid="current-user"
        data-role={user.role}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('user.menu', { name: user.displayName })}
        title={t('header.user', { name: user.displayName, role })}
        onClick={() => setOpen(!open)}
      >
        <span className="avatar">{user.displayName.slice(0, 1).toUpperCase()}</span>
        <span className="user-name" data-testid="current-user-name">
          {user.displayName}
        </span>
        <span className="user-role" data-testid="current-user-role">
          {role}
        </span>
      </button>
      {open ? (
        <div className="user-menu-list" role="menu" data-testid="user-menu">
          <div className="who">
            <strong>{user.displayName}</strong>
            <div className="muted small">
              {user.username} · {role}
            </div>
          </div>
          {user.external ? (
            <div className="muted small" style={{ padding: '4px 8px' }}>
              {t('user.external')}
            </div>
          ) : (
            <button
              type="button"
              role="menuitem"
              data-testid="menu-change-password"
              autoFocus
              onClick={() => {
                setOpen(false);
                setChanging(true);
              }}
            >
              {t('user.changePassword')}
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            data-testid="menu-sign-out"
            onClick={() => void useSessionStore.getState().signOutRequested()}
          >
            {t('user.signOut')}
          </button>
        </div>
      ) : null}
      {changing ? createPortal(<ChangePasswordDialog onClose={() => setChanging(false)} />, document.body) : null}
    </div>
  );
}
