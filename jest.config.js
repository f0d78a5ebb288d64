// Two tiers (STYLE.md habit 7): fast unit specs beside the code, and medium suites in test/ that talk to the real
// PostgreSQL and Redis. NestJS 12 ships ESM only, so @swc/jest compiles both our code and @nestjs to CommonJS.
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

const aliases = {
  '^@app/migrations$': '<rootDir>/migrations',
  '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  // nodenext makes us write './x.js' for './x.ts'
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|peek-readable|uint8array-extras|@tokenizer|load-esm)/)',
  ],
  moduleNameMapper: aliases,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/**/*.medium-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      // The web UI in Debian's headless Chromium (playwright-core, never a downloaded browser) against the real API.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
  testTimeout: 60000,
};
