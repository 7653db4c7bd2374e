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

/** The signed-in frame: navigation on the left, who you are and sign-out at its foot. */
export function Shell() {
  const identity = currentIdentity();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <a className="brand" href="/ui/">
          <img src="/ui/favicon.svg" alt="" />
          Stratoflow
        </a>
        {NAV.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.end} className="nav-link">
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
      </nav>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
