import { notFound, StratoflowError } from '../domain/errors.js';
import type { Clock } from '../domain/time.js';
import type { PageRequest, Store } from '../store/store.js';

/** Reading run files and managing short links for the API; following a short link for visitors. */
export function createArtifactService(deps: {
  store: Pick<
    Store,
    'getRun' | 'listRunFiles' | 'getRunFile' | 'listShortLinks' | 'deleteShortLink' | 'followShortLink'
  >;
  clock: Clock;
}) {
  const { store, clock } = deps;

  async function assertRun(orgId: string, runId: string) {
    if (!(await store.getRun(orgId, runId))) throw notFound('Run');
  }

  return {
    async listRunFiles(orgId: string, runId: string) {
      await assertRun(orgId, runId);
      return store.listRunFiles(orgId, runId);
    },

    /** The file with its bytes; 404 unless it belongs to that run of the org. */
    async getRunFile(orgId: string, runId: string, fileId: string) {
      const found = await store.getRunFile(orgId, fileId);
      if (!found || found.file.runId !== runId) throw notFound('Run file');
      return found;
    },

    listLinks: (orgId: string, page: PageRequest) => store.listShortLinks(orgId, page),

    async deleteLink(orgId: string, id: string) {
      if (!(await store.deleteShortLink(orgId, id))) throw notFound('Short link');
    },

    /** Where `/l/{code}` redirects (the click is counted); 404 for an unknown code, 410 once expired. */
    async follow(code: string): Promise<string> {
      // Codes are short and never hold NUL (PostgreSQL could not even compare one): anything else names nothing.
      if (code.length > 64 || code.includes('\u0000')) throw notFound('Short link');
      const found = await store.followShortLink(code, clock.now());
      if (!found) throw notFound('Short link');
      if (found.expired) throw new StratoflowError('short_link_expired');
      return found.link.url;
    },
  };
}

export type ArtifactService = ReturnType<typeof createArtifactService>;
