/** Jest runs the TypeScript tests in test/ directly (ts-jest, type-checked by `npm run build` beforehand). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, tsconfig: { module: "commonjs", target: "ES2022", esModuleInterop: true } }] },
  testTimeout: 60000,
};
