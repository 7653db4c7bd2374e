import type { ComponentType } from 'react';
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router';
import { queryClient } from './api/query-client.js';
import { currentToken } from './api/session.js';
import { prefetchEditor } from './editor/queries.js';
import { RequireSession } from './layout/RequireSession.js';
import { Shell } from './layout/Shell.js';
import { AuthorizationsPage } from './pages/authorizations/AuthorizationsPage.js';
import { Dashboard } from './pages/dashboard/Dashboard.js';
import { InboxPage } from './pages/inbox/InboxPage.js';
import { NotFound } from './pages/NotFound.js';
import { PageError } from './pages/PageError.js';
import { prefetchRun } from './pages/runs/queries.js';
import { SignIn } from './pages/SignIn.js';
import { VaultPage } from './pages/vault/VaultPage.js';
import { WorkflowList } from './pages/workflows/WorkflowList.js';

/**
 * Pages heavy enough (canvas, charts) to load only when opened. The router loads their code before it
 * shows them, keeping the current page meanwhile: no Suspense fallback, whose reveal React 19 holds back
 * until 300 ms after the fallback appeared (it cost the editor a quarter of a second on every open).
 */
const lazyPage = (load: () => Promise<{ default: ComponentType }>) => async () => ({
  Component: (await load()).default,
});

/** A loader that starts the page's API reads while its code loads; it never waits for them. */
const prefetch = (start: (params: LoaderFunctionArgs['params']) => void) => (args: LoaderFunctionArgs) => {
  if (currentToken()) start(args.params);
  return null;
};

/**
 * Client routes live under /ui/ so they never meet an API path. The router runs the first page's loaders
 * as it is created: create it after a sign-in link's token is taken, so they can use it.
 */
export const createAppRouter = () =>
  createBrowserRouter(
    [
      { path: '/sign-in', element: <SignIn /> },
      {
        element: (
          <RequireSession>
            <Shell />
          </RequireSession>
        ),
        // Shown on a first load while a lazy page's code arrives.
        hydrateFallbackElement: <div className="empty">Loading…</div>,
        children: [
          {
            // A page that fails to load or render says so inside the frame, with a way out.
            errorElement: <PageError />,
            children: [
              { index: true, element: <Dashboard /> },
              { path: 'workflows', element: <WorkflowList /> },
              {
                path: 'workflows/:workflowId',
                lazy: lazyPage(() => import('./editor/EditorPage.js')),
                loader: prefetch((params) => prefetchEditor(queryClient, params.workflowId ?? '')),
              },
              {
                path: 'workflows/:workflowId/runs',
                lazy: lazyPage(() => import('./pages/runs/WorkflowRunsPage.js')),
              },
              { path: 'runs', lazy: lazyPage(() => import('./pages/runs/RunsPage.js')) },
              {
                path: 'runs/:runId',
                lazy: lazyPage(() => import('./pages/runs/RunInspector.js')),
                loader: prefetch((params) => prefetchRun(queryClient, params.runId ?? '')),
              },
              { path: 'inbox', element: <InboxPage /> },
              { path: 'vault', element: <VaultPage /> },
              { path: 'authorizations', element: <AuthorizationsPage /> },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
    { basename: '/ui' },
  );
