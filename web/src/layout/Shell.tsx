import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { currentIdentity, signOut } from '../api/session.js';

const NAV = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/workflows', label: 'Workflows' },
  { to: '/runs', label: 'Runs' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/vault', label: 'Vault' },
  { to: '/authorizations', label: 'Authorizations' },
];

/**
 * The signed-in frame: navigation on the left, who you are and sign-out at its foot. On a narrow screen
 * (a phone answering an approval) the navigation folds into a bar whose Menu button opens it.
 */
export function Shell() {
  const identity = currentIdentity();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const close = () => setMenuOpen(false);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-top">
          <a className="brand" href="/ui/">
            <img src="/ui/favicon.svg" alt="" />
            Stratoflow
          </a>
          <button
            type="button"
            className="btn btn-small menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
        </div>
        <div id="main-menu" className={menuOpen ? 'sidebar-menu open' : 'sidebar-menu'}>
          {NAV.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className="nav-link" onClick={close}>
              {item.label}
            </NavLink>
          ))}
          <div className="sidebar-footer">
            {identity && (
              <span>
                Signed in as <strong>{identity.userId}</strong>
                <br />
                in <strong>{identity.orgId}</strong>
              </span>
            )}
            <div className="row">
              <a href="/docs" target="_blank" rel="noreferrer">
                API docs
              </a>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  signOut();
                  navigate('/sign-in');
                }}
              >
                Sign out
              </button>
            </div>
          </div>
        </div>
      </nav>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
