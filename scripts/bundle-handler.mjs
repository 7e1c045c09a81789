// Bundles the apply-time handler into one minified file, lib/handler/bundle/handler.js, that the FaceGroup construct
// ships as a cdktf asset: it runs with no node_modules. Silent on success.
//
// Start-up time is mostly parse time, so:
// - the SDK (tencentcloud-sdk-nodejs-common and its dependencies) is bundled on its own and embedded as a string,
//   compiled only when a run needs the API — `delete` under RETAIN, or a refused declaration, never parses it;
// - two SDK dependencies that are never used are replaced: form-data (with mime-db; only for multipart requests,
//   the group APIs send JSON) and whatwg-url (with tr46; node-fetch uses it only where Node has no global URL).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SDK = "tencentcloud-sdk-nodejs-common";

const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", format: "cjs", minify: true, legalComments: "none", logLevel: "warning", write: false };

/** Resolves `names` to the given module sources instead of node_modules. */
function virtual(name, modules) {
  const filter = new RegExp(`^(${Object.keys(modules).join("|")})$`);
  return {
    name,
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: name }));
      b.onLoad({ filter: /.*/, namespace: name }, (args) => ({ contents: modules[args.path], loader: "js", resolveDir: root }));
    },
  };
}

const unused = virtual("unused-sdk-dependencies", {
  "form-data": "module.exports = function FormData() { throw new Error('multipart requests are not bundled'); };",
  "whatwg-url": "module.exports = { URL: globalThis.URL };",
});

const sdk = await build({ ...common, stdin: { contents: `module.exports = require("${SDK}");`, resolveDir: root }, plugins: [unused] });
const sdkCode = sdk.outputFiles[0].text;

// The SDK module of the handler bundle: compiles the embedded SDK bundle on first require.
const embeddedSdk = virtual("embedded-sdk", {
  [SDK]: [
    `const m = { exports: {} };`,
    `new Function("module", "exports", "require", ${JSON.stringify(`${sdkCode}\n//# sourceURL=${SDK}.bundle.js`)})(m, m.exports, require);`,
    `module.exports = m.exports;`,
  ].join("\n"),
});

// Byte-identical output on every machine (no paths, no timestamps): the asset hash names its folder in cdk.tf.json.
await build({
  ...common,
  entryPoints: [join(root, "src/handler/handler.ts")],
  outfile: join(root, "lib/handler/bundle/handler.js"),
  write: true,
  plugins: [embeddedSdk],
});
