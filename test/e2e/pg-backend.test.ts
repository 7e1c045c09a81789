/**
 * Team-scale state: stacks whose state lives in PostgreSQL through Terraform's `pg` backend (cdktf's PgBackend), on
 * a private server started for this file, deployed with the real `cdktf` CLI against the emulator.
 *
 * Alice and Bob have their own checkouts of one app (one stack, one state in schema "faces"). A gate in front of the
 * emulator holds Alice's apply in the middle of its API calls, so she holds the state lock while Bob deploys:
 * without -lock-timeout Bob fails at once with Terraform's lock error, and the database names Alice as the holder
 * (her PGAPPNAME); with -lock-timeout he waits, then plans against her state and has nothing to do. Two stacks with
 * a schema each: their first deploys take turns on the backend's database-wide creation lock (-lock-timeout), later
 * ones run at once, each holding its own lock. The password reaches Terraform only through the environment
 * (PGPASSWORD, PG_CONN_STR) and no file, output or state holds it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject, expectSuccess, GroupDecl, RunResult, StackDecl } from "../support/cdktf-project";
import { Gate, startGate } from "../support/gate-proxy";
import { startPostgres, PostgresServer } from "../support/postgres";
import { descendants, killProc, procInfo, RunningCommand, start, waitFor } from "../support/processes";
import { apiEnv, CREDS, expectCreatedOnce, expectExactly, expectStateTrue, groupDecls, groupsInState, GroupState, idsOf } from "../reliability/helpers";
import { writes } from "../support/api-calls";

jest.setTimeout(6 * 60_000);

const DB = "terraform";
const TEAM = groupDecls(20, "team");
const MORE = groupDecls(25, "team").slice(20);
const NORTH = groupDecls(10, "north");
const SOUTH = groupDecls(10, "south");

describe("state in PostgreSQL (pg backend)", () => {
  let pg: PostgresServer;
  let emu: Emulator;
  let gate: Gate;
  const projects: CdktfProject[] = [];
  let alice: CdktfProject;
  let bob: CdktfProject;
  /** Every deploy started (a failed test's are stopped at the end). */
  const started: RunningCommand[] = [];
  /** Every run's output, to search for the password at the end. */
  const outputs: string[] = [];

  /** Alice's and Bob's stack: the password is not in the connection string (PGPASSWORD gives it). */
  const teamStack = (groups: GroupDecl[]): StackDecl[] => [{ name: "faces", groups, pgBackend: { connStr: pg.connStr(DB), schemaName: "faces" } }];
  /** A user's environment: the API through the gate, the database password, their name for the database's eyes. */
  const userEnv = (who: string, extra: NodeJS.ProcessEnv = {}) =>
    apiEnv(gate.url, { PGPASSWORD: pg.password, PGAPPNAME: who, FACE_GROUP_REQUEST_TIMEOUT_SECONDS: "600", ...extra });
  /**
   * `cdktf deploy --auto-approve <stacks>`, its output streamed (to wait on what it printed); HOME and TMPDIR inside
   * the project, so whatever the tools write there is searched for the password too.
   */
  const deploy = (project: CdktfProject, stacks: string[], env: NodeJS.ProcessEnv): RunningCommand => {
    const [HOME, TMPDIR] = ["home", "tmp"].map((d) => path.join(project.dir, d));
    for (const d of [HOME, TMPDIR]) fs.mkdirSync(d, { recursive: true });
    const r = start(...project.cliCommand(["deploy", "--auto-approve", ...stacks], { HOME, TMPDIR, ...env }));
    started.push(r);
    return r;
  };
  /** A deploy's result, its output kept for the password check. */
  const finished = async (r: RunningCommand): Promise<RunResult> => {
    const result = await r.result;
    outputs.push(result.output);
    return result;
  };
  /** Waits for `probe` while `running` has not ended (an early end, or none within 4 minutes, fails with its output). */
  const whileRunning = async (running: RunningCommand, what: string, probe: () => boolean | Promise<boolean>): Promise<void> => {
    let ended = false;
    void running.result.then(() => (ended = true));
    for (const until = Date.now() + 240_000; !(await probe()); await new Promise((r) => setTimeout(r, 100))) {
      if (ended || Date.now() > until) throw new Error(`${ended ? "the deploy ended" : "timed out"} before ${what}:\n${running.output().slice(-4000)}`);
    }
  };
  /** The state the pg backend keeps for a schema's default workspace, read from the database itself. */
  const stateIn = async (schema: string): Promise<GroupState[]> => groupsInState(JSON.parse(await pg.sql(DB, `SELECT data FROM "${schema}".states WHERE name = 'default'`)));
  /** The advisory locks held (Terraform's state locks): their keys, and who holds them (PGAPPNAME). */
  const stateLocks = async (): Promise<{ keys: string[]; holders: string[] }> => {
    const rows = (await pg.sql(DB, "SELECT (l.classid::bigint << 32 | l.objid::bigint)::bigint, a.application_name FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory' AND l.granted ORDER BY 1"))
      .split("\n").filter(Boolean).map((r) => r.split("|"));
    return { keys: rows.map(([k]) => k), holders: [...new Set(rows.map(([, who]) => who))] };
  };
  /** The schema's state records exactly the declared groups and agrees with the API. */
  const expectStateMatchesApi = async (schema: string, decls: GroupDecl[]) => {
    const recorded = await stateIn(schema);
    expect(recorded.map((s) => s.groupId).sort()).toEqual(idsOf(decls));
    expectStateTrue(recorded, emu.groups(), decls);
  };
  const since = (n: number) => emu.requests.slice(n);

  beforeAll(async () => {
    checkTerraform();
    pg = await startPostgres(); // throws (the tests fail, never skip) when PostgreSQL is not installed
    await pg.createDatabase(DB);
    emu = await startEmulator({ credentials: [CREDS], quiet: true, qps: 50 });
    gate = await startGate(emu.url);
    alice = new CdktfProject("fg-pg-alice-");
    bob = new CdktfProject("fg-pg-bob-");
    projects.push(alice, bob);
  });
  afterAll(async () => {
    // A deploy a failed test left running: stop it and what it started (by PID), deepest first.
    for (const r of started.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
      const me = procInfo(r.child.pid!);
      for (const p of [...descendants(r.child.pid!).reverse(), ...(me ? [me] : [])]) killProc(p);
    }
    await gate?.stop();
    await emu?.stop();
    await pg?.stop();
    for (const p of projects) p.dispose();
  });

  test("two deploys of one stack at once: the second fails fast on the lock; state and API agree; a redeploy has nothing to do", async () => {
    alice.setStacks(teamStack(TEAM));
    bob.setStacks(teamStack(TEAM));
    const before = emu.requests.length;
    gate.close();
    const aliceRun = deploy(alice, ["faces"], userEnv("alice"));
    await whileRunning(aliceRun, "Alice's apply at the API", () => gate.held().length > 0);
    // Alice is in the middle of her apply: the database shows her session holding the stack's lock.
    expect((await stateLocks()).holders).toEqual(["alice"]);

    const bobResult = await finished(deploy(bob, ["faces"], userEnv("bob"))); // ends while Alice still holds the lock
    expect(gate.held().length).toBeGreaterThan(0);
    gate.open();
    const aliceResult = await finished(aliceRun);
    expectSuccess(aliceResult);

    expect(bobResult.code).not.toBe(0);
    expect(bobResult.output).toMatch(/Error acquiring the state lock/);
    // Which of the pg backend's messages depends on whether Alice's state row exists yet (see README).
    expect(bobResult.output).toMatch(/Error message: (Workspace is already locked|Already locked for workspace creation|Cannot lock workspace; already locked for workspace creation): default/);
    expect(bobResult.output).toMatch(/Lock Info:\s+ID:\s+[0-9a-f-]{36}/);

    // Exactly the declared groups, each created once (Bob sent nothing), and the state in the database agrees.
    const calls = since(before);
    expectExactly(emu.groups(), TEAM);
    expectCreatedOnce(calls, TEAM);
    await expectStateMatchesApi("faces", TEAM);
    expect((await stateLocks()).keys).toEqual([]);

    // Bob tries again: the shared state is his too, so there is nothing to do.
    const again = emu.requests.length;
    const bobAgain = await finished(deploy(bob, ["faces"], userEnv("bob")));
    expectSuccess(bobAgain);
    expect(bobAgain.output).toMatch(/No changes/);
    expect(writes(since(again))).toEqual([]);
    expectExactly(emu.groups(), TEAM);
  });

  test("with -lock-timeout the second deploy waits for the lock, then plans against the first's state", async () => {
    const declared = [...TEAM, ...MORE];
    alice.setStacks(teamStack(declared));
    bob.setStacks(teamStack(declared));
    const before = emu.requests.length;
    gate.close();
    const aliceRun = deploy(alice, ["faces"], userEnv("alice"));
    await whileRunning(aliceRun, "Alice's apply at the API", () => gate.held().length > 0);
    // cdktf deploy runs `terraform apply`; TF_CLI_ARGS_apply hands it the timeout.
    const bobRun = deploy(bob, ["faces"], userEnv("bob", { TF_CLI_ARGS_apply: "-lock-timeout=5m" }));
    await whileRunning(bobRun, "Bob waiting for the lock", () => /Acquiring state lock/.test(bobRun.output()));
    expect((await stateLocks()).holders).toEqual(["alice"]);
    gate.open();

    const [aliceResult, bobResult] = [await finished(aliceRun), await finished(bobRun)];
    expectSuccess(aliceResult);
    expectSuccess(bobResult);
    expect(bobResult.output).toMatch(/No changes/);
    // Alice created the 5 new groups, once each; Bob, after the wait, wrote nothing.
    expect(writes(since(before)).sort()).toEqual(idsOf(MORE).map((id) => `CreateGroup:${id}:OK`));
    expectExactly(emu.groups(), declared);
    await expectStateMatchesApi("faces", declared);
  });

  test("two stacks with a schema each: first deploys take turns on the creation lock, later ones run at once", async () => {
    const app = new CdktfProject("fg-pg-two-stacks-");
    projects.push(app);
    // The whole URL, password included, comes from PG_CONN_STR: connStr "" leaves it to the environment.
    const declare = (north: GroupDecl[], south: GroupDecl[]) =>
      app.setStacks([
        { name: "north", groups: north, pgBackend: { connStr: "", schemaName: "north" } },
        { name: "south", groups: south, pgBackend: { connStr: "", schemaName: "south" } },
      ]);
    const env = apiEnv(gate.url, { PG_CONN_STR: pg.connStr(DB, true), FACE_GROUP_REQUEST_TIMEOUT_SECONDS: "600", TF_CLI_ARGS_apply: "-lock-timeout=5m" });
    const atApi = (prefix: string) => gate.held().some((h) => h.groupId?.startsWith(prefix));

    // First deploys: a state that does not exist yet is locked with the pg backend's one creation lock for the
    // whole database, so one stack waits (-lock-timeout) until the other's first apply is done.
    declare(NORTH.slice(0, 8), SOUTH.slice(0, 8));
    let before = emu.requests.length;
    gate.close();
    let run = deploy(app, ["north", "south"], env);
    await whileRunning(run, "one stack at the API, the other waiting for the lock", () => gate.held().length > 0 && /Acquiring state lock/.test(run.output()));
    expect(atApi("north-") && atApi("south-")).toBe(false);
    expect((await stateLocks()).keys).toEqual(["-1"]); // the pg backend's creation lock
    gate.open();
    expectSuccess(await finished(run));
    expectCreatedOnce(since(before), [...NORTH.slice(0, 8), ...SOUTH.slice(0, 8)]);

    // Both states exist: each is locked on its own row, so both applies run at once.
    declare(NORTH, SOUTH);
    before = emu.requests.length;
    gate.close();
    run = deploy(app, ["north", "south"], env);
    // Held at the gate, neither apply can end: two state locks held together means both are under way at once.
    await whileRunning(run, "both stacks holding their state locks", async () => (await stateLocks()).keys.length === 2);
    expect((await stateLocks()).keys).not.toContain("-1");
    gate.open();
    expectSuccess(await finished(run));
    expect(writes(since(before)).sort()).toEqual([...idsOf(NORTH.slice(8)), ...idsOf(SOUTH.slice(8))].map((id) => `CreateGroup:${id}:OK`));

    expectExactly(emu.groups().filter((g) => !g.GroupId.startsWith("team-")), [...NORTH, ...SOUTH]);
    await expectStateMatchesApi("north", NORTH);
    await expectStateMatchesApi("south", SOUTH);
    expect(await pg.sql(DB, "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('faces', 'north', 'south')")).toBe("faces,north,south");
  });

  test("the database password is in no file (projects, the HOME and TMPDIR the tools ran with), output or state", async () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isSymbolicLink()) return []; // node_modules links into the repository
        return e.isDirectory() ? files(p) : [p];
      });
    const holding = projects.flatMap((p) => files(p.dir)).filter((f) => fs.readFileSync(f).includes(pg.password));
    expect(holding).toEqual([]);
    expect(outputs.length).toBe(7);
    expect(outputs.filter((o) => o.includes(pg.password))).toEqual([]);
    const states = await pg.sql(DB, "SELECT string_agg(data, '') FROM (SELECT data FROM faces.states UNION ALL SELECT data FROM north.states UNION ALL SELECT data FROM south.states) s");
    expect(states).toContain("team-0"); // the states were read
    expect(states.includes(pg.password)).toBe(false);
  });
});
