/** Jest runs the TypeScript tests in test/ directly (ts-jest; `npm test` type-checks and builds first). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { module: "commonjs", target: "ES2022", esModuleInterop: true, isolatedModules: true } }],
  },
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/support/json-summary-reporter.js"],
};
