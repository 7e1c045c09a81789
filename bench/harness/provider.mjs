/**
 * The provider process as Terraform starts it: where the synthesized stack placed it, the environment go-plugin
 * gives it (magic cookie, protocol versions, a client certificate), and its start-up time — exec to the one
 * handshake line `1|6|tcp|127.0.0.1:PORT|grpc|<cert>` on stdout, which is the moment Terraform can dial it.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { run } from "./proc.mjs";
import { descendants, exeOf } from "./proctree.mjs";
import { median, ratio, round } from "./stats.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The provider's bundle that `npm run build` writes. */
export const PROVIDER_BUNDLE = path.join(ROOT, "lib", "provider", "bundle", "provider.js");
/** The provider's default rate limit, calls per second (src/provider/face-group/schema.ts, as built in lib/). */
export const PROVIDER_QPS = createRequire(import.meta.url)(path.join(ROOT, "lib", "provider", "face-group", "schema.js")).DEFAULT_QPS;
/** go-plugin's magic cookie for Terraform plugins: without it the provider refuses to start. */
export const MAGIC_COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" };

/** Whether an argv is the provider's: its executable name under terraform.d/plugins, or node running the bundle. */
export function isProviderArgv(argv) {
  return argv.some((a) => /terraform-provider-tencentcloudiai/.test(path.basename(a)) || a.endsWith(`${path.sep}provider.js`));
}

/**
 * The provider executable the construct placed in a synthesized stack folder (the implied local mirror
 * `terraform.d/plugins/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>`).
 * @param {string} stackDir
 * @returns {string|undefined}
 */
export function placedProvider(stackDir) {
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 7 || !fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.name.startsWith("terraform-provider-tencentcloudiai")) found.push(p);
    }
  };
  walk(path.join(stackDir, "terraform.d", "plugins"), 0);
  // Terraform runs the one of this platform; several versions may sit side by side (synthesis keeps old ones):
  // the newest folder is the one just written.
  const platform = `${process.platform}_${{ x64: "amd64", ia32: "386" }[process.arch] ?? process.arch}`;
  const here = found.filter((f) => path.basename(path.dirname(f)) === platform);
  return (here.length ? here : found).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/**
 * A self-signed ECDSA P-521 client certificate, as go-plugin's AutoMTLS makes one per launch, generated once per
 * benchmark run with openssl (node:crypto makes keys but not X.509 certificates).
 * @param {string} dir where to write it
 * @returns {string} the PEM
 */
export function clientCertificate(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "client-key.pem");
  const cert = path.join(dir, "client-cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", cert,
  ], { stdio: "ignore" });
  return fs.readFileSync(cert, "utf8");
}

/**
 * The environment go-plugin gives a plugin it launches (Terraform 1.11.4 offers protocol versions 5 and 6).
 * @param {Record<string,string>} env the base environment
 * @param {string} certPem PLUGIN_CLIENT_CERT
 */
export function pluginEnv(env, certPem) {
  return { ...env, ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "25000", PLUGIN_CLIENT_CERT: certPem };
}

/**
 * Runs `cmd args` until its first stdout line and returns the time from spawn to that line; then kills the child
 * (by its PID only — the process this call started) and waits for it to be gone, so runs never overlap.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{env: Record<string,string>, log: string, timeoutMs?: number}} o stderr is appended to `log`
 * @returns {Promise<{ms: number, line: string}>}
 */
export function timeToFirstLine(cmd, args, { env, log, timeoutMs = 30_000 }) {
  const fd = fs.openSync(log, "a");
  fs.writeSync(fd, `\n$ ${[cmd, ...args].join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", fd] });
    let out = "";
    let result;
    let error;
    const timer = setTimeout(() => {
      error = new Error(`no stdout line within ${timeoutMs} ms`);
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (d) => {
      if (result || error) return;
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      result = { ms: performance.now() - t0, line: out.slice(0, nl), exe: nodeBehind(child.pid) };
      // SIGKILL: the provider ignores SIGINT by design (Terraform stops it over gRPC), and what it does after the
      // handshake is not measured.
      child.kill("SIGKILL");
    });
    child.once("error", (e) => {
      error = e;
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(fd);
      if (result) resolve(result);
      else reject(error ?? new Error(`exited (${signal ?? `exit ${code}`}) before any stdout line; stderr in ${log}`));
    });
  });
}

/**
 * The executable that actually runs in a process we started: its own (a launcher that `exec`s node, or node
 * itself), else the first descendant's that is a node (a launcher that forks).
 */
function nodeBehind(pid) {
  const own = exeOf(pid);
  if (own && /node/.test(path.basename(own))) return own;
  return descendants(pid).map(exeOf).find((e) => e && /node/.test(path.basename(e))) ?? own;
}

/** The handshake line must be go-plugin's: core version 1, app protocol 6, tcp, grpc, and a server certificate. */
export function checkHandshake(line) {
  const f = line.split("|");
  if (f.length < 6 || f[0] !== "1" || f[1] !== "6" || f[2] !== "tcp" || f[4] !== "grpc" || f[5].length <= 50) {
    throw new Error(`not a go-plugin v6 handshake line: ${JSON.stringify(line.slice(0, 120))}`);
  }
}

/**
 * Provider start (exec to handshake line) vs `node -e 0` with the node binary that runs the provider, interleaved
 * run by run so drift (other load, page cache) hits all alike, after one discarded warm-up round.
 * @param {{runs: number, variants: {cmd: string, args: string[], name: string}[], env: Record<string,string>, certPem: string, log: string}} o
 *   variants: ways to start the provider — the first is judged (the executable Terraform runs), others shown
 */
export async function measureProviderStart({ runs, variants, env, certPem, log }) {
  let node;
  const penv = pluginEnv(env, certPem);
  const times = variants.map(() => []);
  const nodeMs = [];
  let line;
  for (let i = -1; i < runs; i++) {
    for (const [k, v] of variants.entries()) {
      const p = await timeToFirstLine(v.cmd, v.args, { env: penv, log });
      checkHandshake(p.line);
      line = p.line;
      // The floor runs on the node the judged provider runs on (seen in /proc during the warm-up round).
      node ??= p.exe;
      if (i >= 0) times[k].push(round(p.ms));
    }
    // The floor as the issue names it: `node -e 0`, spawn to exit (what any Node program pays before its first line).
    node ??= process.execPath;
    const n = await run(node, ["-e", "0"], { env, log });
    if (n.code !== 0) throw new Error(`${node} -e 0 failed (exit ${n.code})`);
    if (i >= 0) nodeMs.push(round(n.ms));
  }
  const nodeMedianMs = round(median(nodeMs));
  return {
    runs, node, nodeMs, nodeMedianMs,
    handshake: `${line.split("|").slice(0, 5).join("|")}|<cert, ${line.split("|")[5]?.length} chars>`,
    variants: variants.map((v, k) => {
      const medianMs = round(median(times[k]));
      return { name: v.name, cmd: [v.cmd, ...v.args].join(" "), ms: times[k], medianMs, ratio: ratio(medianMs, nodeMedianMs) };
    }),
  };
}
