// Start-up of a provider bundle: exec to the handshake line on stdout, against `node -e 0` (exec to exit), run
// interleaved; prints the medians. Kills only the provider processes it started, by PID.
//   node test/provider/protocol/support/measure-startup.mjs [bundle=lib/provider/bundle/provider.js] [rounds=21]
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { execFileSync } from "node:child_process";

const bundle = process.argv[2] ?? "lib/provider/bundle/provider.js";
const rounds = Number(process.argv[3] ?? 21);
const cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
// Any PEM certificate works for start-up (nothing connects): make one with openssl if present, else skip TLS.
let clientCert = "";
try {
  clientCert = execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null", "-subj", "/CN=localhost", "-days", "1"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
} catch {
  void generateKeyPairSync;
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = [];
const prov = [];
await once([bundle], true); // warm the file cache
for (let i = 0; i < rounds; i++) {
  base.push(await once(["-e", "0"], false));
  prov.push(await once([bundle], true));
}
console.log(JSON.stringify({ bundle, rounds, tls: Boolean(clientCert), nodeE0MedianMs: +median(base).toFixed(1), providerMedianMs: +median(prov).toFixed(1), ratio: +(median(prov) / median(base)).toFixed(2) }));
