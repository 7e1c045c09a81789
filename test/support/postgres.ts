/**
 * A private PostgreSQL server for tests and the benchmark: `initdb` into a temp folder, `postgres` on a free
 * loopback port (its unix socket inside that folder, password auth over TCP), stopped by its PID at the end.
 *
 * The server binaries come from PATH or Debian's /usr/lib/postgresql/<version>/bin (where `apt-get install
 * postgresql` puts them; `.ci/run` installs it when neither has them). Missing binaries are an error, never a skip.
 * PostgreSQL refuses to run as root: under root the server runs as the `postgres` user (or `nobody`).
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run, RunResult } from "./cdktf-project";
import { freePort } from "./cli-emulator";
import { waitFor } from "./processes";

/** The superuser the tests connect as. */
export const PG_USER = "facegroups";

/** A running server. Call `stop()` when done. */
export interface PostgresServer {
  /** 127.0.0.1: the server listens on loopback only. */
  readonly host: string;
  /** The TCP port (a free one, chosen at start). */
  readonly port: number;
  /** The superuser name ({@link PG_USER}). */
  readonly user: string;
  /** The superuser's password (TCP connections must give it). */
  readonly password: string;
  /** The folder holding the data directory, the unix socket and the log. */
  readonly dir: string;
  /** A `postgres://` URL of `database`, with the password in it only when `withPassword`. */
  connStr(database: string, withPassword?: boolean): string;
  /** Creates a database. */
  createDatabase(name: string): Promise<void>;
  /** Runs SQL with `psql` (unaligned, tuples only) and returns its output; throws when psql fails. */
  sql(database: string, query: string): Promise<string>;
  /** The server's log so far. */
  log(): string;
  /** Stops the server (fast shutdown: SIGINT to its PID) and removes its folder. */
  stop(): Promise<void>;
}

/** The folder holding initdb, postgres and psql, or a clear error saying how to get them. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, "initdb"))) candidates.push(path.dirname(fs.realpathSync(path.join(dir, "initdb"))));
  }
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  const found = candidates.find((d) => ["initdb", "postgres"].every((b) => fs.existsSync(path.join(d, b))));
  if (!found) {
    throw new Error(
      "PostgreSQL server binaries not found: no initdb + postgres on PATH or in /usr/lib/postgresql/<version>/bin. " +
        "The pg backend tests start their own server and cannot run without them. " +
        "Fix: install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`; `.ci/run` does this when they are missing).",
    );
  }
  return found;
}

/** psql next to the server binaries, else the one on PATH. */
function psqlBinary(bin: string): string {
  return fs.existsSync(path.join(bin, "psql")) ? path.join(bin, "psql") : "psql";
}

/** Under root, the uid/gid the server runs as (PostgreSQL refuses root): `postgres`, else `nobody`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
      if (uid !== 0) return { uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error("Running as root and neither a `postgres` nor a `nobody` user exists: PostgreSQL refuses to run as root. Fix: create a `postgres` user (useradd -r postgres) or run the tests as a non-root user.");
}

/** Starts `postgres` and resolves once it accepts connections; rejects (with its log) when it exits first. */
async function startServer(bin: string, dataDir: string, socketDir: string, port: number, as: { uid: number; gid: number } | undefined, logOf: (s: string) => void): Promise<ChildProcess> {
  const args = ["-D", dataDir, "-p", String(port), "-k", socketDir, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=50"];
  const child = spawn(path.join(bin, "postgres"), args, { cwd: path.dirname(dataDir), stdio: ["ignore", "pipe", "pipe"], ...as });
  let output = "";
  let exited = false;
  const onData = (d: Buffer) => {
    output += d;
    logOf(String(d));
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  child.on("exit", () => (exited = true));
  await waitFor(`postgres on 127.0.0.1:${port} to accept connections`, () => {
    if (exited) throw new Error(`postgres exited before accepting connections:\n${output}`);
    return /ready to accept connections/.test(output);
  }, 60_000, 50);
  return child;
}

/** Initializes a cluster in a temp folder and starts a server on a free loopback port. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const as = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-pg-"));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  fs.mkdirSync(socketDir);
  const password = randomBytes(18).toString("base64url");
  fs.writeFileSync(path.join(dir, "pwfile"), `${password}\n`, { mode: 0o600 });
  if (as) for (const p of [dir, socketDir, path.join(dir, "pwfile")]) fs.chownSync(p, as.uid, as.gid);

  let log = "";
  const logOf = (s: string) => (log += s);
  try {
    // Trust over the unix socket (only this user can reach it), SCRAM passwords over TCP (what Terraform uses).
    const initdb = await run(path.join(bin, "initdb"), ["-D", dataDir, "-U", PG_USER, `--pwfile=${path.join(dir, "pwfile")}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"], { cwd: dir, ...as }, 120_000);
    logOf(initdb.output);
    if (initdb.code !== 0) throw new Error(`initdb failed (exit ${initdb.code}):\n${initdb.output}`);
    fs.rmSync(path.join(dir, "pwfile"));

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        const child = await startServer(bin, dataDir, socketDir, port, as, logOf);
        return server(bin, dir, socketDir, port, password, child, () => log);
      } catch (e) {
        // The port may have been taken between freePort() and the bind: try another, a few times.
        if (attempt >= 3 || !/could not (bind|create listen)/i.test(String(e))) throw e;
      }
    }
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function server(bin: string, dir: string, socketDir: string, port: number, password: string, child: ChildProcess, log: () => string): PostgresServer {
  const host = "127.0.0.1";
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  const sql = async (database: string, query: string): Promise<string> => {
    const r: RunResult = await run(psqlBinary(bin), ["-h", socketDir, "-p", String(port), "-U", PG_USER, "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", query], { env: { ...process.env, PGCONNECT_TIMEOUT: "10" } }, 60_000);
    if (r.code !== 0) throw new Error(`psql failed (exit ${r.code}) on ${JSON.stringify(query)}:\n${r.output}`);
    return r.output.trim();
  };
  return {
    host,
    port,
    user: PG_USER,
    password,
    dir,
    connStr: (database, withPassword = false) =>
      `postgres://${PG_USER}${withPassword ? `:${encodeURIComponent(password)}` : ""}@${host}:${port}/${database}?sslmode=disable`,
    createDatabase: async (name) => void (await sql("postgres", `CREATE DATABASE "${name}"`)),
    sql,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGINT"); // fast shutdown: ends sessions, checkpoints, exits
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
