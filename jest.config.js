/** Jest runs the TypeScript tests in test/ directly (ts-jest; `npm test` type-checks and builds first). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { module: "commonjs", target: "ES2022", esModuleInterop: true, isolatedModules: true } }],
  },
  testTimeout: 60000,
  // Most of the suite waits on terraform, cdktf and npm child processes: two test files at a time keep both of CI's
  // two cores busy (Jest's default on two cores is one), and the tests wait for events, never for time.
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/test/support/json-summary-reporter.js"],
};
