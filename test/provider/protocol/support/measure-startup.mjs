// Start-up of a provider bundle: exec to the handshake line on stdout, against `node -e 0` (exec to exit), run
// interleaved; prints the medians. Kills only the provider processes it started, by PID. A first run ended by a
// gRPC Shutdown (as Terraform ends every provider) leaves the bundle's V8 code cache, as on a user's machine after
// the first command; pass FACE_GROUP_CACHE_DIR=off to measure without it.
//   node test/provider/protocol/support/measure-startup.mjs [bundle=lib/provider/bundle/provider.js] [rounds=21]
import { execFileSync, spawn } from "node:child_process";
import { connect } from "node:http2";

const bundle = process.argv[2] ?? "lib/provider/bundle/provider.js";
const rounds = Number(process.argv[3] ?? 21);
const cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
// Any PEM certificate works for start-up (nothing connects): make one with openssl if present, else skip TLS.
let clientCert = "";
try {
  clientCert = execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null", "-subj", "/CN=localhost", "-days", "1"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
} catch {
  // measured without TLS then
}
const env = { ...process.env, TF_PLUGIN_MAGIC_COOKIE: cookie, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "25000", ...(clientCert ? { PLUGIN_CLIENT_CERT: clientCert } : {}) };

function once(args, untilLine) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "ignore"] });
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    if (untilLine) {
      child.stdout.once("data", () => {
        const t = ms();
        process.kill(child.pid, "SIGKILL");
        child.once("exit", () => resolve(t));
      });
    } else child.once("exit", () => resolve(ms()));
    child.once("error", reject);
  });
}

/** One provider run ended like Terraform ends it: plaintext (no client cert needed), a Shutdown call. */
async function runToShutdown() {
  const { PLUGIN_CLIENT_CERT: _, ...plain } = env;
  const child = spawn(process.execPath, [bundle], { env: plain, stdio: ["ignore", "pipe", "ignore"] });
  const line = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(d.toString())));
  const session = connect(`http://${line.split("|")[3]}`);
  const call = session.request({ ":method": "POST", ":path": "/plugin.GRPCController/Shutdown", "content-type": "application/grpc", te: "trailers" });
  call.end(Buffer.alloc(5)); // one empty message
  call.resume();
  await new Promise((resolve) => child.once("exit", resolve));
  session.destroy();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = [];
const prov = [];
await runToShutdown(); // warm the file cache and leave the code cache
for (let i = 0; i < rounds; i++) {
  base.push(await once(["-e", "0"], false));
  prov.push(await once([bundle], true));
}
console.log(JSON.stringify({ bundle, rounds, tls: Boolean(clientCert), nodeE0MedianMs: +median(base).toFixed(1), providerMedianMs: +median(prov).toFixed(1), ratio: +(median(prov) / median(base)).toFixed(2) }));
