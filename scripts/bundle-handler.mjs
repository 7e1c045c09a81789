// Bundles the apply-time handler (src/handler/handler.ts and the SDK it loads lazily) into one minified file,
// lib/handler/bundle/handler.js, that the FaceGroup construct ships as a cdktf asset: it runs with no node_modules.
// Silent on success.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// Start-up time is parse time, so two never-used SDK dependencies (80% of the bytes) are replaced:
// - form-data (with mime-db): the SDK needs it only for multipart requests; the group APIs send JSON.
// - whatwg-url (with tr46): node-fetch uses it only where Node has no global URL (`Url.URL || whatwgUrl.URL`).
const STUBS = {
  "form-data": "module.exports = function FormData() { throw new Error('multipart requests are not bundled'); };",
  "whatwg-url": "module.exports = { URL: globalThis.URL };",
};

const stubPlugin = {
  name: "stub-unused-sdk-dependencies",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(STUBS).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, (args) => ({ contents: STUBS[args.path], loader: "js" }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: [join(root, "src/handler/handler.ts")],
  outfile: join(root, "lib/handler/bundle/handler.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  // Byte-identical output on every machine: the asset hash (its folder in cdk.tf.json) must not change.
  legalComments: "none",
  sourcemap: false,
  plugins: [stubPlugin],
  logLevel: "warning",
});
