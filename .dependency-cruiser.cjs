/**
 * The layers, one way down (docs/architecture.md draws them):
 *   domain ← plivo, store ← actions (catalogue, pipeline, ports, auth) ← language, text
 *          ← views ← slack (the ports' Slack side) ← listeners (commands, interactions, events), http
 * `npm test` runs this (`npm run lint`), with no known violations: every rule holds for the whole tree.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless and start-up order fragile.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'plivo-knows-only-the-domain',
      severity: 'error',
      comment: 'The PHLO client is HTTP and PHLO only: nothing of Slack, the store or the pipeline.',
      from: { path: '^src/plivo/' },
      to: { path: '^src/', pathNot: ['^src/plivo/', '^src/domain/', '^src/errors\\.ts$', '^src/version\\.ts$'] },
    },
    {
      name: 'store-knows-only-the-domain',
      severity: 'error',
      comment: 'The store is SQL only: nothing of Slack or PHLO.',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: ['^src/store/', '^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'domain-is-a-leaf',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'pipeline-knows-no-slack',
      severity: 'error',
      comment: 'The pipeline talks to ports; Slack, views and listeners implement them.',
      from: { path: '^src/actions/' },
      to: { path: '^src/(slack|views|text|interactions|commands|events|http|history|sandbox|workflows)/' },
    },
    {
      name: 'language-is-data',
      severity: 'error',
      comment: 'The command language reads text; it answers nobody and draws nothing.',
      from: { path: '^src/language/' },
      to: { path: '^src/(slack|views|text|interactions|commands|events|http|history|sandbox|workflows)/' },
    },
    {
      name: 'text-is-words-only',
      severity: 'error',
      comment: 'Sentences are chosen from errors and data; they know no Block Kit, no Slack call, no listener.',
      from: { path: '^src/text/' },
      to: { path: '^src/(slack|views|interactions|commands|events|http|history|sandbox)/' },
    },
    {
      name: 'views-are-pure',
      severity: 'error',
      comment: 'Views turn data into Block Kit; they post nothing and listen to nothing.',
      from: { path: '^src/views/' },
      to: { path: '^src/(slack|interactions|commands|events|http|history|sandbox|workflows)/' },
    },
    {
      name: 'adapters-know-no-listeners',
      severity: 'error',
      comment: 'The Slack adapters implement the ports; listeners sit above them.',
      from: { path: '^src/slack/' },
      to: { path: '^src/(interactions|commands|events|http|workflows)/' },
    },
    {
      name: 'nothing-imports-the-sandbox',
      severity: 'error',
      comment: 'The sandbox stands in for Slack in front of the real app; the app never depends on it.',
      from: { path: '^src/', pathNot: ['^src/sandbox/', '^src/main\\.ts$'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'preflight-only-reads',
      comment: 'The start-up checks read configuration, Slack and PHLO; they know no listener, view, store or pipeline.',
      severity: 'error',
      from: { path: '^src/preflight/' },
      to: { path: '^src/(slack|views|interactions|commands|events|http|history|sandbox|workflows|actions|store)/' },
    },
    {
      name: 'src-never-imports-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|test|bench)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
