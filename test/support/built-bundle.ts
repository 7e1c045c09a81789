/**
 * The built provider bundle, for the tests that run the real provider. `npm test` builds it first; a bare `npx jest`
 * on a fresh clone does not, and those tests then fail naming the build command instead of skipping silently.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** `lib/provider/bundle/provider.js` of this repository (absolute). */
export const BUILT_BUNDLE = path.resolve(__dirname, "..", "..", "lib", "provider", "bundle", "provider.js");

/** {@link BUILT_BUNDLE}; throws, naming `npm run build`, when it has not been built. */
export function requireBuiltBundle(): string {
  if (!fs.existsSync(BUILT_BUNDLE)) {
    throw new Error(`${path.relative(process.cwd(), BUILT_BUNDLE) || BUILT_BUNDLE} is missing: run \`npm run build\` first (\`npm test\` does it for you)`);
  }
  return BUILT_BUNDLE;
}
