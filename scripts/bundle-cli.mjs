/**
 * Bundles the CLI (and the server it starts) into dist/cli/main.js plus lazily loaded chunks, replacing
 * the one-module-per-file output tsc leaves there. Node keeps ~20 kB of bookkeeping per ES module it
 * loads, so the ~300 modules of our own code cost an idle server ~6 MB; one bundle costs about one module.
 * Packages stay external (imported from node_modules at run time) but for those in INLINE, and a dynamic
 * import() stays lazy: it becomes a chunk loaded on first use (decision 0028).
 *   node scripts/bundle-cli.mjs   (run by `npm run build`, after tsc)
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { isCommonJs } from './module-format.mjs';

/**
 * Packages bundled in rather than imported at run time: pure ES-module packages of many small files whose
 * module bookkeeping outweighs their code (zod: 95 files, jose: 46, kysely: 263, loaded by a first start
 * to create the schema and by every PostgreSQL server). fastify-type-provider-zod comes with zod so that
 * both use the one copy. The MCP SDK, loaded on the first POST /mcp, keeps its own zod. Every other
 * package stays external.
 */
const INLINE = ['jose', 'zod', 'fastify-type-provider-zod', 'kysely'];
const inline = (path) => INLINE.some((name) => path === name || path.startsWith(`${name}/`));

/**
 * Leaves bare imports (packages, node: builtins) to Node, except the INLINE packages. A static import of
 * a CommonJS package becomes a require() (through the `require` of the banner below): Node would otherwise
 * scan the package's source with its CommonJS export lexer at every start, and V8 compiles that lexer
 * with its optimizing compiler on background threads, whose memory glibc keeps (decision 0036).
 */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (inline(args.path)) return undefined;
      // The require() inside a 'required' module is a 'require-call': it stays external.
      if (args.kind !== 'import-statement' || !isCommonJs(args.path)) {
        return { path: args.path, external: true };
      }
      return { path: args.path, namespace: 'required' };
    });
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** Gives every output file the `require` that esbuild's require() calls use in an ES module. */
const requireBanner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * zod's `z.locales` namespace holds its error messages in ~50 languages (~350 kB of source, kept in the
 * heap by a module that is loaded at every start). We never switch locale: the namespace keeps English
 * only, which zod installs by default anyway.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: args.importer, namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
rmSync(new URL('chunks/', `file://${outdir}`), { recursive: true, force: true });

await build({
  entryPoints: [new URL('../src/cli/main.ts', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [englishOnlyZodLocales, externalPackages],
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: requireBanner },
  sourcemap: 'linked',
  logLevel: 'warning',
});
