/**
 * Architecture rules, enforced in CI (`pnpm lint:arch`):
 *  - services never import each other: they talk through Kafka events and HTTP only;
 *  - packages and contracts never import a service;
 *  - contracts import nothing of ours (it is what everyone else builds on).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-service-to-service',
      severity: 'error',
      comment: 'Services talk through Kafka events (contracts/) and HTTP only.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-package-to-service',
      severity: 'error',
      from: { path: '^(packages|contracts)/' },
      to: { path: '^services/' },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(packages|services)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|generated|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['@tjc/source', 'import', 'require', 'node', 'default'] },
  },
};
