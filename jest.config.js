/**
 * Four tiers by file name: *.spec.ts (pure), *.int-spec.ts (real adapters), *.e2e-spec.ts (the app
 * over HTTP), *.browser-spec.ts (the built app driven in Debian's Chromium).
 */
// Type checking is `npm run typecheck`'s job; tests only transpile, file by file.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }];

const moduleNameMapper = {
  '^@blue-ledger/(domain|event-store|projections|integrity|access|command-handling|runtime)$':
    '<rootDir>/libs/$1/src',
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch,
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper,
  ...extra,
});

module.exports = {
  testTimeout: 60000,
  // Two suites at a time, whatever the machine: most suites wait on the servers and browsers
  // they start, so two overlap well on 2 cores (the whole run: 15 minutes against 21 one at a
  // time), and more would crowd the processes each suite starts.
  maxWorkers: 2,
  projects: [
    project('unit', ['<rootDir>/{apps,libs,bench,test}/**/*.spec.ts']),
    project('integration', ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/apps/**/*.e2e-spec.ts'], {
      globalSetup: '<rootDir>/test/support/global-setup.js',
    }),
    project(
      'browser',
      ['<rootDir>/apps/**/*.browser-spec.ts', '<rootDir>/test/**/*.browser-spec.ts'],
      {
        globalSetup: '<rootDir>/test/support/global-setup.js',
        setupFilesAfterEnv: ['<rootDir>/test/browser/support/jest-timeout.ts'],
      },
    ),
  ],
};
