import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/query-client.js';
import { signIn, takeTokenFromFragment } from './api/session.js';
import { createAppRouter } from './routes.js';
import './styles.css';

// A sign-in link carries the token in the fragment: take it before anything renders or navigates.
const linked = takeTokenFromFragment();
if (linked) {
  try {
    signIn(linked);
  } catch {
    // A bad token: the sign-in page explains when the API refuses it.
  }
}

const router = createAppRouter();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
