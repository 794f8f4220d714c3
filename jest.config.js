/** Three tiers by file name: *.spec.ts (pure), *.int-spec.ts (real adapters), *.e2e-spec.ts (the app over HTTP). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@blue-ledger/(domain|event-store|projections|integrity|access)$': '<rootDir>/libs/$1/src',
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  ...extra,
});

module.exports = {
  testTimeout: 60000,
  projects: [
    project('unit', ['<rootDir>/{apps,libs,bench}/**/*.spec.ts']),
    project('integration', ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/apps/**/*.e2e-spec.ts'], {
      globalSetup: '<rootDir>/test/support/global-setup.js',
    }),
  ],
};
