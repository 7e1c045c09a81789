// Writes the provider's registry docs (docs/index.md, docs/resources/*.md, docs/data-sources/*.md) from the provider
// schema of the BUILT library and the example files under examples/, removing pages of types that no longer exist.
// Silent but for the list of files it changed. test/tooling/registry-docs.test.ts checks the docs are up to date.
//
//   npm run build --silent && node scripts/generate-docs.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const lib = (p) => join(root, "lib", p);
if (!existsSync(lib("tooling/registry-docs.js"))) {
  console.error("generate-docs: lib/ is not built; run `npm run build --silent` first.");
  process.exit(1);
}
const { renderRegistryDocs, GENERATED_DOC_DIRS } = require(lib("tooling/registry-docs.js"));
const { PROVIDER_SCHEMAS } = require(lib("provider/face-group/schema.js"));
const { PROVIDER_LOCAL_NAME } = require(lib("provider/address.js"));

const read = (rel) => (existsSync(join(root, rel)) ? readFileSync(join(root, rel), "utf8") : undefined);
const docs = renderRegistryDocs(PROVIDER_LOCAL_NAME, PROVIDER_SCHEMAS, read);
for (const dir of GENERATED_DOC_DIRS) {
  if (!existsSync(join(root, dir))) continue;
  for (const f of readdirSync(join(root, dir))) {
    const rel = `${dir}/${f}`;
    if (!docs.has(rel)) {
      rmSync(join(root, rel));
      console.log(`removed ${rel}`);
    }
  }
}
for (const [rel, text] of docs) {
  if (read(rel) === text) continue;
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
  console.log(`wrote ${rel}`);
}
