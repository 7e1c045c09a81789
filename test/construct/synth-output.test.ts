/**
 * The synthesized stack folder as Terraform gets it: the handler asset inside it, no absolute path of this machine,
 * the same bytes on every synth — and, through real `terraform apply` against the emulator, every odd string of a
 * declaration reaching the API byte for byte.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { FaceGroup, FaceGroupProps, RemovalPolicy } from "../../src/construct";
import { BUNDLE, EMPTY_HOME, SECRET_ID, SECRET_KEY, TOKEN, calls, emulator } from "../handler/harness";

/** Synthesizes one stack with the given FaceGroups into a fresh folder; returns the stack folder. */
function synthStack(groups: Record<string, FaceGroupProps>): string {
  const stack = new TerraformStack(Testing.app(), "MyStack");
  for (const [id, props] of Object.entries(groups)) new FaceGroup(stack, id, props);
  return path.join(Testing.fullSynth(stack), "stacks", "MyStack");
}

function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

describe("synthesized stack folder", () => {
  test("ships the built handler as an asset referenced by a relative path; no absolute path anywhere", () => {
    const dir = synthStack({ Employees: { groupId: "g1", groupName: "n" } });
    const text = fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
    const command: string = JSON.parse(text).resource.terraform_data.employees_settings.provisioner[0]["local-exec"].command;
    const asset = command.split(" ")[1];
    expect(fs.readFileSync(path.join(dir, asset))).toEqual(fs.readFileSync(BUNDLE));
    for (const p of [path.resolve(__dirname, "..", ".."), os.tmpdir(), os.homedir()]) expect(text).not.toContain(p);
    expect(allStrings(JSON.parse(text)).filter((s) => s.startsWith("/") || s.includes(" /"))).toEqual([]);
  });

  test("the same declaration synthesizes the same bytes (no machine- or time-dependent value)", () => {
    const props = { Employees: { groupId: "g1", groupName: "n", tag: "t" } };
    const read = (dir: string) => fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
    expect(read(synthStack(props))).toBe(read(synthStack(props)));
  });
});

/** Runs terraform in `dir`; resolves with its exit code and output. */
function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", args, { cwd: dir, env: { ...env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("terraform apply of a synthesized stack against the emulator", () => {
  const ODD: FaceGroupProps = {
    groupId: "odd-%@#&_1",
    groupName: 'a ${b} %{c} $${d} %%{e} "q" \\ $(x) `y` 员工 🙂',
    groupExDescriptions: ["${x}", "%{ if y }", "line\nbreak", "tab\tand 'quote'"],
    tag: "$$ % $ { } \\n",
    removalPolicy: RemovalPolicy.RETAIN,
  };

  test("every string reaches the API byte for byte; a second plan has no changes; destroy under RETAIN keeps it", async () => {
    const emu = await emulator();
    try {
      const dir = synthStack({ Odd: ODD });
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: EMPTY_HOME,
        TENCENTCLOUD_SECRET_ID: SECRET_ID,
        TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        TENCENTCLOUD_SESSION_TOKEN: TOKEN,
        TENCENTCLOUD_IAI_ENDPOINT: emu.url,
      };
      expect((await terraform(dir, ["init", "-no-color"], env)).code).toBe(0);
      const apply = await terraform(dir, ["apply", "-auto-approve", "-no-color"], env);
      expect(apply.code).toBe(0);
      expect(apply.out).toContain("face-group odd-%@#&_1: created in ap-guangzhou");
      expect(emu.groups()).toEqual([
        expect.objectContaining({ GroupId: ODD.groupId, GroupName: ODD.groupName, GroupExDescriptions: ODD.groupExDescriptions, Tag: ODD.tag, FaceModelVersion: "3.0" }),
      ]);

      const before = emu.requests.length;
      expect((await terraform(dir, ["plan", "-detailed-exitcode", "-no-color"], env)).code).toBe(0);
      const destroy = await terraform(dir, ["destroy", "-auto-approve", "-no-color"], env);
      expect(destroy.code).toBe(0);
      expect(destroy.out).toContain("face-group odd-%@#&_1: kept in ap-guangzhou (removalPolicy retain)");
      expect(calls(emu, before)).toEqual([]);
      expect(emu.groups()).toHaveLength(1);
    } finally {
      await emu.stop();
    }
  });
});
