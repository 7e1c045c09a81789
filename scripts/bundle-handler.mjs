// Bundles the apply-time handler into one minified file, lib/handler/bundle/handler.js, that the FaceGroup construct
// ships as a cdktf asset: it runs with no node_modules. Silent on success.
//
// Start-up time is the lever (one handler process per group), and it is mostly parsing and loading modules, so:
// - the SDK (tencentcloud-sdk-nodejs-common and its dependencies) is bundled on its own and embedded as a string,
//   compiled only when a run needs the API — `delete` under RETAIN, or a refused declaration, never parses it — and
//   then through a V8 code cache on disk (src/handler/compile-cache.ts);
// - only the SDK modules the handler uses are reached (CommonClient, and the credential providers on demand);
// - two SDK dependencies that are never used are replaced: form-data (with mime-db; only for multipart requests,
//   the group APIs send JSON) and whatwg-url (with tr46; node-fetch uses it only where Node has no global URL);
// - modules needed only on some paths load on first use: https (an http:// endpoint such as the emulator never
//   needs TLS), zlib (compressed responses), readline (event streams), https-proxy-agent (only with a proxy).
import { build } from "esbuild";
import { createHash } from "node:crypto";
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

/** A stand-in that loads `target` on first property access (no `has` trap: interop helpers probe with `in`). */
const lazyBuiltin = (target) => `module.exports = new Proxy({}, { get: (_, key) => require("node:${target}")[key] });`;
const onDemand = {
  name: "on-demand-modules",
  setup(b) {
    const fromDependency = (args) => args.importer.includes("node_modules");
    b.onResolve({ filter: /^(https|zlib|readline)$/ }, (args) => (fromDependency(args) ? { path: args.path, namespace: "lazy-builtin" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({ contents: lazyBuiltin(args.path), loader: "js" }));
    // A constructor wrapper, not a Proxy: tslib's __importDefault reads `__esModule`, which must not load it.
    b.onResolve({ filter: /^https-proxy-agent$/ }, (args) => (args.namespace === "lazy-agent" ? undefined : { path: "https-proxy-agent", namespace: "lazy-agent", pluginData: args.resolveDir }));
    b.onLoad({ filter: /.*/, namespace: "lazy-agent" }, (args) => ({
      contents: "let Agent; module.exports = function HttpsProxyAgent(...a) { Agent = Agent || require('https-proxy-agent'); return new Agent(...a); };",
      loader: "js",
      resolveDir: args.pluginData,
    }));
  },
};

const commonDir = `${SDK}/tencentcloud/common`;
const sdkEntry = [
  `exports.CommonClient = require("${commonDir}/common_client").CommonClient;`,
  // Same names as the package's index, so the handler's imports type-check against the real package.
  `for (const name of ["ProfileCredential", "OIDCRoleArnCredential"]) {`,
  `  Object.defineProperty(exports, name, { enumerable: true, get: () => require("${commonDir}/credential")[name] });`,
  `}`,
].join("\n");
const sdk = await build({ ...common, stdin: { contents: sdkEntry, resolveDir: root }, plugins: [unused, onDemand] });
const sdkCode = sdk.outputFiles[0].text;
const sdkName = `${SDK}-${createHash("sha256").update(sdkCode).digest("hex").slice(0, 16)}`;

// The SDK module of the handler bundle: compiles the embedded SDK bundle on first require.
const embeddedSdk = virtual("embedded-sdk", {
  [SDK]: `module.exports = require(${JSON.stringify(join(root, "src/handler/compile-cache.ts"))}).loadEmbeddedModule(${JSON.stringify(sdkCode)}, ${JSON.stringify(sdkName)}, require);`,
});

// Byte-identical output on every machine (no paths, no timestamps): the asset hash names its folder in cdk.tf.json.
await build({
  ...common,
  entryPoints: [join(root, "src/handler/handler.ts")],
  outfile: join(root, "lib/handler/bundle/handler.js"),
  write: true,
  plugins: [embeddedSdk],
});
