import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './layout/RequireSession.js';
import { Shell } from './layout/Shell.js';
import { AuthorizationsPage } from './pages/authorizations/AuthorizationsPage.js';
import { Dashboard } from './pages/dashboard/Dashboard.js';
import { InboxPage } from './pages/inbox/InboxPage.js';
import { NotFound } from './pages/NotFound.js';
import { RunPrefetch } from './pages/runs/RunPrefetch.js';
import { SignIn } from './pages/SignIn.js';
import { VaultPage } from './pages/vault/VaultPage.js';
import { WorkflowList } from './pages/workflows/WorkflowList.js';

/** Pages heavy enough (canvas, charts) to load only when opened. */
const lazyPage = (load: () => Promise<{ default: React.ComponentType }>) => {
  const Component = lazy(load);
  return (
    <Suspense fallback={<div className="empty">Loading…</div>}>
      <Component />
    </Suspense>
  );
};

/** Client routes live under /ui/ so they never meet an API path. */
export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignIn /> },
    {
      element: (
        <RequireSession>
          <Shell />
        </RequireSession>
      ),
      children: [
        { index: true, element: <Dashboard /> },
        { path: 'workflows', element: <WorkflowList /> },
        { path: 'workflows/:workflowId', element: lazyPage(() => import('./editor/EditorPage.js')) },
        {
          path: 'workflows/:workflowId/runs',
          element: lazyPage(() => import('./pages/runs/WorkflowRunsPage.js')),
        },
        { path: 'runs', element: lazyPage(() => import('./pages/runs/RunsPage.js')) },
        {
          path: 'runs/:runId',
          element: <RunPrefetch>{lazyPage(() => import('./pages/runs/RunInspector.js'))}</RunPrefetch>,
        },
        { path: 'inbox', element: <InboxPage /> },
        { path: 'vault', element: <VaultPage /> },
        { path: 'authorizations', element: <AuthorizationsPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/ui' },
);

export { lazyPage };
