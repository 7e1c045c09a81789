// Bundles the Terraform provider into one minified file, lib/provider/bundle/provider.js, that runs with no
// node_modules (the installer places it next to a small launcher). Silent on success.
//
//   node scripts/bundle-provider.mjs [--entry src/provider/main.ts] [--outfile lib/provider/bundle/provider.js]
//
// First it regenerates src/provider/protocol/proto/descriptor.json from the .proto files next to it (protobufjs
// parses .proto here, at build time, so the provider loads a JSON descriptor with protobufjs/light instead of
// parsing at every start). The descriptor is committed, so tests and tsc read the same one; a test checks it is
// in sync. The bundle is byte-identical on every machine (no absolute paths, no timestamps).
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import protobuf from "protobufjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const protoDir = join(root, "src/provider/protocol/proto");
const PROTO_FILES = ["tfplugin6.proto", "go-plugin.proto", "health.proto"];

/** The JSON descriptor of our .proto files, as text (stable: protobufjs keeps declaration order). */
export function protocolDescriptor() {
  const r = new protobuf.Root();
  r.loadSync(PROTO_FILES.map((f) => join(protoDir, f)));
  return `${JSON.stringify(r.toJSON(), null, 1)}\n`;
}

const { values } = parseArgs({
  options: { entry: { type: "string", default: "src/provider/main.ts" }, outfile: { type: "string", default: "lib/provider/bundle/provider.js" } },
});

const descriptorFile = join(protoDir, "descriptor.json");
const descriptor = protocolDescriptor();
let current = "";
try {
  current = readFileSync(descriptorFile, "utf8");
} catch {
  // first build
}
if (current !== descriptor) writeFileSync(descriptorFile, descriptor);

// protobufjs uses the "long" package for 64-bit fields when it can load it; our int64 fields are small, and plain
// numbers keep the bundle smaller and the decoded values the same as in tests (proto.ts turns Long off too).
const noLong = {
  name: "no-long",
  setup(b) {
    b.onResolve({ filter: /^long$/ }, () => ({ path: "long", namespace: "no-long" }));
    b.onLoad({ filter: /.*/, namespace: "no-long" }, () => ({ contents: "module.exports = null;", loader: "js" }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: [resolve(root, values.entry)],
  outfile: resolve(root, values.outfile),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [noLong],
});
