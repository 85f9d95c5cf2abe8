/**
 * The layer rules of src/, checked by `npm run deps` (a step of `npm test`).
 * Data flows down only: index.ts → api → (analysis, batch, accounts, pages)
 * → engine → (tariffs, lists, charter, ports) → lib. The widget is its own island.
 * tests/fixtures/layers/ breaks each rule once; scripts/deps.mjs checks that
 * every rule fires there before it checks src/.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'engine-imports-only-lower-layers',
      comment: 'The engine is pure: it imports only lib, messages, tariffs, lists, charter, ports and itself.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/', pathNot: '^src/(engine|lib|messages|tariffs|lists|charter|ports)/' },
    },
    {
      name: 'messages-import-only-lib',
      comment: 'The message catalogues sit below the engine: they import only lib and themselves.',
      severity: 'error',
      from: { path: '^src/messages/' },
      to: { path: '^src/', pathNot: '^src/(lib|messages)/' },
    },
    {
      name: 'lower-layers-import-no-engine',
      comment: 'tariffs, lists, lib and ports sit below the engine.',
      severity: 'error',
      from: { path: '^src/(tariffs|lists|lib|ports)/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'widget-is-an-island',
      comment:
        'The widget is its own bundle: it imports nothing outside src/widget but the CSV line writer, which imports nothing.',
      severity: 'error',
      from: { path: '^src/widget/' },
      to: { pathNot: '^src/(widget/|lib/csv-line\\.ts$)' },
    },
    {
      name: 'only-the-entry-imports-api',
      comment: 'Nothing imports src/api but src/index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(api/|index\\.ts$)' },
      to: { path: '^src/api/' },
    },
    {
      name: 'engine-through-its-index',
      comment: 'Outside src/engine, the engine is imported only through src/engine/index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/engine/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No module depends on itself through others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.generated\\.ts$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
