/**
 * Hostile and bad input at synth: every documented rule at and past its boundary, plain-JS values of the wrong
 * type, duplicates across constructs — each refused by `app.synth()` (what `cdktf synth` runs) with one message per
 * problem that names the construct path, the prop, the value and the rule, and nothing written. Valid boundary
 * values synthesize. End to end: `cdktf deploy` of an invalid stack stops at synth, before any API call or state.
 * (test/construct/validation.test.ts checks node.validate() per rule; this file goes through the real synth.)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { FaceGroup, FaceGroupProps } from "../../src/construct";
import { Emulator, startEmulator } from "../../src/emulator";
import { FACE_GROUP_TYPE } from "../../src/provider/address";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { CdktfProject } from "../support/cdktf-project";

const OK = { groupId: "Staff", groupName: "Staff" };
const PATH = "MyStack/Employees";

/** Rules in the words of src/api (copied, not imported: a changed message must fail here). */
const R = {
  idChars: "only letters, digits and -%@#&_ are allowed",
  idBytes: (n: number) => `must be at most 64 bytes (UTF-8), is ${n}`,
  idEmpty: "is required and may not be empty",
  string: "must be a string",
  nameEmpty: "is required: 1–60 characters",
  nameLen: (n: number) => `must be 1–60 characters, is ${n}`,
  descCount: (n: number) => `at most 5 fields are allowed, got ${n}`,
  descEmpty: "may not be empty: 1–30 characters",
  descLen: (n: number) => `must be 1–30 characters, is ${n}`,
  descDup: (d: string) => `field names must be unique within the group; '${d}' repeats`,
  descList: "must be a list of strings",
  tagLen: (n: number) => `must be 0–40 characters, is ${n}`,
  model: 'must be one of "2.0", "3.0"',
  region: 'must be a Tencent Cloud region id such as "ap-guangzhou" (lower case, e.g. ap-shanghai, na-siliconvalley)',
  policy: 'must be one of "retain", "destroy" (RemovalPolicy.RETAIN / RemovalPolicy.DESTROY)',
};

/** One expected line of cdktf's validation error for `MyStack/Employees`: `shown` is the quoted value or (missing). */
const line = (prop: string, shown: string, rule: string) => `[${PATH}] ${prop} ${shown} at ${PATH}: ${rule}`;
const q = (s: string) => `'${s}'`;
const MISSING = "(missing)";

/**
 * The problems of a synth error as `[path] message` lines. Two shapes reach the user: cdktf's validation error, and
 * — the one `app.synth()` actually throws, as cdktf renders resources before it validates — the FaceGroups' own
 * guard, `N problems in M FaceGroups; nothing was synthesized:` with the problems of every FaceGroup of the app.
 */
function problemLines(message: string): string[] {
  const guard = /^(\d+) problems? in (\d+) FaceGroups?; nothing was synthesized:\n {2}([\s\S]*)$/.exec(message);
  if (guard) {
    const lines = guard[3].split(/\n {2}(?=\[)/);
    expect(lines).toHaveLength(Number(guard[1])); // the header counts what it lists
    expect(new Set(lines.map((l) => /^\[([^\]]+)\]/.exec(l)?.[1])).size).toBe(Number(guard[2]));
    return lines;
  }
  const validation = /^Validation failed with the following errors:\n {2}([\s\S]*?)\n\nIf you wish/.exec(message);
  if (validation) return validation[1].split(/\n {2}(?=\[)/);
  throw new Error(`not a validation error: ${message}`);
}

interface Decl {
  readonly stack?: string;
  readonly id: string;
  readonly props: unknown;
}

/**
 * Builds an app like a user's (`new App()` + stacks + FaceGroups) and runs `app.synth()` with validations.
 * Returns the problem lines of the validation error (empty on success) and the stacks' cdk.tf.json when written.
 */
function synth(decls: readonly Decl[]): { problems: string[]; written: Record<string, any> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-sec-synth-"));
  try {
    const app = new App({ outdir });
    const stacks = new Map<string, TerraformStack>();
    for (const d of decls) {
      const name = d.stack ?? "MyStack";
      if (!stacks.has(name)) stacks.set(name, new TerraformStack(app, name));
      new FaceGroup(stacks.get(name)!, d.id, d.props as FaceGroupProps);
    }
    let problems: string[] = [];
    try {
      app.synth();
    } catch (e) {
      problems = problemLines((e as Error).message);
    }
    const written: Record<string, any> = {};
    for (const name of stacks.keys()) {
      const file = path.join(outdir, "stacks", name, "cdk.tf.json");
      if (fs.existsSync(file)) written[name] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
    return { problems, written };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const cjk = (n: number) => "员".repeat(n); // 3 bytes in UTF-8, one character
const emoji = (n: number) => "🙂".repeat(n); // 4 bytes, two UTF-16 units, one character
const six = ["a", "b", "c", "d", "e", "f"];
const circular = () => {
  const o: Record<string, unknown> = {};
  o.self = o;
  return o;
};

describe("invalid FaceGroup props are refused by app.synth() with a specific message, nothing written", () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    // groupId: charset and bytes
    ["groupId of 65 ASCII bytes", { groupId: "a".repeat(65) }, [line("groupId", q("a".repeat(65)), R.idBytes(65))]],
    ["groupId of 63 characters = 65 bytes (one CJK)", { groupId: `${"a".repeat(62)}员` }, [line("groupId", q(`${"a".repeat(62)}员`), R.idBytes(65)), line("groupId", q(`${"a".repeat(62)}员`), R.idChars)]],
    ["groupId of 21 three-byte characters (63 bytes): charset only", { groupId: cjk(21) }, [line("groupId", q(cjk(21)), R.idChars)]],
    ["groupId of 22 three-byte characters (66 bytes): bytes and charset", { groupId: cjk(22) }, [line("groupId", q(cjk(22)), R.idBytes(66)), line("groupId", q(cjk(22)), R.idChars)]],
    ["groupId empty", { groupId: "" }, [line("groupId", q(""), R.idEmpty)]],
    ["groupId null", { groupId: null }, [line("groupId", MISSING, R.idEmpty)]],
    ["groupId a number", { groupId: 42 }, [line("groupId", q("42"), R.string)]],
    ["groupId an object", { groupId: { id: "x" } }, [line("groupId", q('{"id":"x"}'), R.string)]],
    ["groupId an array", { groupId: ["Staff"] }, [line("groupId", q('["Staff"]'), R.string)]],
    ["groupId with a space", { groupId: "Staff Group" }, [line("groupId", q("Staff Group"), R.idChars)]],
    ["groupId with a template ${x}", { groupId: "${x}" }, [line("groupId", q("${x}"), R.idChars)]],
    ["groupId with a command substitution", { groupId: "$(id)" }, [line("groupId", q("$(id)"), R.idChars)]],
    ["groupId with . and /", { groupId: "a.b/c" }, [line("groupId", q("a.b/c"), R.idChars)]],
    ["groupId with full-width letters", { groupId: "Ｓtaff" }, [line("groupId", q("Ｓtaff"), R.idChars)]],
    ["groupId with Arabic-Indic digits", { groupId: "١٢٣" }, [line("groupId", q("١٢٣"), R.idChars)]],
    ["groupId with a trailing newline: shown escaped", { groupId: "Staff\n" }, [line("groupId", q("Staff\\n"), R.idChars)]],
    ["groupId with CR LF that would forge a message line", { groupId: "a\r\n  [MyStack/Other] ok" }, [line("groupId", q("a\\r\\n  [MyStack/Other] ok"), R.idChars)]],
    // groupName: 1–60 characters (code points)
    ["groupName of 61 characters", { groupName: "n".repeat(61) }, [line("groupName", q("n".repeat(61)), R.nameLen(61))]],
    ["groupName of 61 emoji (122 UTF-16 units)", { groupName: emoji(61) }, [line("groupName", q(emoji(61)), R.nameLen(61))]],
    ["groupName empty (0 characters)", { groupName: "" }, [line("groupName", q(""), R.nameEmpty)]],
    ["groupName null", { groupName: null }, [line("groupName", MISSING, R.nameEmpty)]],
    ["groupName a number", { groupName: 7 }, [line("groupName", q("7"), R.string)]],
    ["groupName a boolean", { groupName: true }, [line("groupName", q("true"), R.string)]],
    ["groupName an object", { groupName: { en: "Staff" } }, [line("groupName", q('{"en":"Staff"}'), R.string)]],
    ["groupName an array", { groupName: ["Staff"] }, [line("groupName", q('["Staff"]'), R.string)]],
    // groupExDescriptions: ≤ 5, each 1–30 characters, unique
    ["6 description fields", { groupExDescriptions: six }, [line("groupExDescriptions", q(JSON.stringify(six)), R.descCount(6))]],
    ["an empty description field", { groupExDescriptions: ["a", ""] }, [line("groupExDescriptions[1]", q(""), R.descEmpty)]],
    ["a description of 31 characters", { groupExDescriptions: ["d".repeat(31)] }, [line("groupExDescriptions[0]", q("d".repeat(31)), R.descLen(31))]],
    ["a description of 31 emoji", { groupExDescriptions: ["x", emoji(31)] }, [line("groupExDescriptions[1]", q(emoji(31)), R.descLen(31))]],
    ["a repeated description", { groupExDescriptions: ["a", "b", "a"] }, [line("groupExDescriptions", q('["a","b","a"]'), R.descDup("a"))]],
    [
      "6 descriptions, one empty, one repeated: three messages",
      { groupExDescriptions: ["a", "", "c", "a", "e", "f"] },
      [line("groupExDescriptions", q('["a","","c","a","e","f"]'), R.descCount(6)), line("groupExDescriptions[1]", q(""), R.descEmpty), line("groupExDescriptions", q('["a","","c","a","e","f"]'), R.descDup("a"))],
    ],
    ["descriptions a string", { groupExDescriptions: "a" }, [line("groupExDescriptions", q("a"), R.descList)]],
    ["descriptions an object", { groupExDescriptions: { 0: "a" } }, [line("groupExDescriptions", q('{"0":"a"}'), R.descList)]],
    ["descriptions a number", { groupExDescriptions: 5 }, [line("groupExDescriptions", q("5"), R.descList)]],
    ["a null description", { groupExDescriptions: [null] }, [line("groupExDescriptions[0]", MISSING, R.string)]],
    ["a nested list as description", { groupExDescriptions: [["a"]] }, [line("groupExDescriptions[0]", q('["a"]'), R.string)]],
    // tag: 0–40 characters
    ["tag of 41 characters", { tag: "t".repeat(41) }, [line("tag", q("t".repeat(41)), R.tagLen(41))]],
    ["tag of 41 emoji", { tag: emoji(41) }, [line("tag", q(emoji(41)), R.tagLen(41))]],
    ["tag a number", { tag: 7 }, [line("tag", q("7"), R.string)]],
    ["tag an array", { tag: ["t"] }, [line("tag", q('["t"]'), R.string)]],
    ["tag an object", { tag: {} }, [line("tag", q("{}"), R.string)]],
    ["tag a circular object", { tag: circular() }, [line("tag", q("{…}"), R.string)]],
    ["tag a BigInt", { tag: BigInt(10) }, [line("tag", q("10"), R.string)]],
    // faceModelVersion: "2.0" | "3.0"
    ['faceModelVersion "1.0"', { faceModelVersion: "1.0" }, [line("faceModelVersion", q("1.0"), R.model)]],
    ['faceModelVersion "3"', { faceModelVersion: "3" }, [line("faceModelVersion", q("3"), R.model)]],
    ["faceModelVersion the number 3.0", { faceModelVersion: 3.0 }, [line("faceModelVersion", q("3"), R.string)]],
    ["faceModelVersion empty", { faceModelVersion: "" }, [line("faceModelVersion", q(""), R.model)]],
    ['faceModelVersion "3.0 " (trailing space)', { faceModelVersion: "3.0 " }, [line("faceModelVersion", q("3.0 "), R.model)]],
    // removalPolicy: exactly the enum values "retain" | "destroy" (case-sensitive)
    ['removalPolicy "RETAIN" (the enum key, not its value)', { removalPolicy: "RETAIN" }, [line("removalPolicy", q("RETAIN"), R.policy)]],
    ['removalPolicy "Destroy"', { removalPolicy: "Destroy" }, [line("removalPolicy", q("Destroy"), R.policy)]],
    ['removalPolicy "delete"', { removalPolicy: "delete" }, [line("removalPolicy", q("delete"), R.policy)]],
    ["removalPolicy empty", { removalPolicy: "" }, [line("removalPolicy", q(""), R.policy)]],
    ["removalPolicy true", { removalPolicy: true }, [line("removalPolicy", q("true"), R.policy)]],
    // region: shaped like a Tencent Cloud region id
    ["region upper case", { region: "AP-GUANGZHOU" }, [line("region", q("AP-GUANGZHOU"), R.region)]],
    ["region empty", { region: "" }, [line("region", q(""), R.region)]],
    ["region with a trailing space", { region: "ap-guangzhou " }, [line("region", q("ap-guangzhou "), R.region)]],
    ["region with an underscore", { region: "ap_guangzhou" }, [line("region", q("ap_guangzhou"), R.region)]],
    ["region a number", { region: 1 }, [line("region", q("1"), R.string)]],
    ["region well-formed but 65 characters", { region: `ap-${"x".repeat(62)}` }, [line("region", q(`ap-${"x".repeat(62)}`), "is 65 characters long; a region id has at most 64")]],
  ])("%s", (_name, change, expected) => {
    const { problems, written } = synth([{ id: "Employees", props: { ...OK, ...change } }]);
    expect(problems).toEqual(expected);
    expect(written).toEqual({});
  });

  test("every prop wrong at once: one message per problem, in prop order", () => {
    const props = { groupId: "a b", groupName: "", groupExDescriptions: [""], tag: 1, faceModelVersion: "1.0", region: "Mars", removalPolicy: "keep" };
    expect(synth([{ id: "Employees", props }]).problems).toEqual([
      line("groupId", q("a b"), R.idChars),
      line("groupName", q(""), R.nameEmpty),
      line("groupExDescriptions[0]", q(""), R.descEmpty),
      line("tag", q("1"), R.string),
      line("faceModelVersion", q("1.0"), R.model),
      line("region", q("Mars"), R.region),
      line("removalPolicy", q("keep"), R.policy),
    ]);
  });
});

describe("duplicates across constructs", () => {
  const g = (id: string, props: Record<string, unknown>, stack?: string): Decl => ({ id, stack, props: { ...OK, ...props } });
  const dupId = (later: string, first: string, id: string, region = "ap-guangzhou") =>
    `[${later}] groupId '${id}' at ${later}: already declared at ${first} in region ${region}; a GroupId names one group per region`;
  const dupName = (later: string, first: string, name: string, region = "ap-guangzhou") =>
    `[${later}] groupName '${name}' at ${later}: already used by ${first} in region ${region}; group names are unique per region`;

  test.each<[string, Decl[], string[]]>([
    ["same groupId, default and explicit region", [g("A", { groupName: "a" }), g("B", { groupName: "b", region: "ap-guangzhou" })], [dupId("MyStack/B", "MyStack/A", "Staff")]],
    ["same groupName, same region", [g("A", { groupId: "a" }), g("B", { groupId: "b" })], [dupName("MyStack/B", "MyStack/A", "Staff")]],
    ["same groupId and groupName: both named", [g("A", {}), g("B", {})], [dupId("MyStack/B", "MyStack/A", "Staff"), dupName("MyStack/B", "MyStack/A", "Staff")]],
    ["same groupId in two stacks: the later one names the first", [g("A", { groupName: "a" }, "One"), g("B", { groupName: "b" }, "Two")], [dupId("Two/B", "One/A", "Staff")]],
    ["hostile but equal ids are still compared exactly", [g("A", { groupId: "%@#&_-", groupName: "${x}" }), g("B", { groupId: "%@#&_-", groupName: "${x} " })], [dupId("MyStack/B", "MyStack/A", "%@#&_-")]],
    ["same groupId and groupName in two regions: two groups, fine", [g("A", { region: "ap-beijing" }), g("B", { region: "ap-shanghai" }), g("C", {})], []],
    ["groupIds differing only in case are different ids", [g("A", { groupId: "staff", groupName: "a" }), g("B", { groupId: "STAFF", groupName: "b" })], []],
  ])("%s", (_name, decls, expected) => {
    const { problems, written } = synth(decls);
    expect(problems).toEqual(expected);
    if (expected.length > 0) expect(written).toEqual({});
    else expect(Object.keys(written)).toEqual([...new Set(decls.map((d) => d.stack ?? "MyStack"))]);
  });
});

describe("valid values at the boundaries synthesize, byte for byte", () => {
  test.each<[string, Record<string, unknown>]>([
    ["groupId of exactly 64 bytes with every allowed symbol", { groupId: "a-b%c@d#e&f_".padEnd(64, "Z") }],
    ["groupId of one character", { groupId: "x" }],
    ["groupId of only symbols", { groupId: "%@#&_-" }],
    ["groupName of 60 emoji", { groupName: emoji(60) }],
    ["groupName of 60 CJK characters", { groupName: cjk(60) }],
    ["groupName of one character", { groupName: "n" }],
    ["5 descriptions of 30 characters (ASCII, CJK, emoji)", { groupExDescriptions: ["a".repeat(30), cjk(30), emoji(30), "b", "c"] }],
    ["descriptions differing only in case", { groupExDescriptions: ["Desk", "desk"] }],
    ["no descriptions", { groupExDescriptions: [] }],
    ["tag of 40 emoji", { tag: emoji(40) }],
    ["empty tag (0 characters)", { tag: "" }],
    ['faceModelVersion "2.0"', { faceModelVersion: "2.0" }],
    ['removalPolicy "destroy" (plain JS string)', { removalPolicy: "destroy" }],
    ["a three-part region", { region: "ap-shanghai-fsi" }],
    ["null optional props mean the defaults (plain JS)", { groupExDescriptions: null, tag: null, faceModelVersion: null, region: null, removalPolicy: null }],
  ])("%s", (_name, change) => {
    const props: Record<string, unknown> = { ...OK, ...change };
    const { problems, written } = synth([{ id: "Employees", props }]);
    expect(problems).toEqual([]);
    // One resource per group, every attribute written with its default applied (values with "${" / "%{" are
    // escaped for Terraform's templates: test/construct/synth-output.test.ts and security/hostile-roundtrip prove it).
    expect(Object.keys(written.MyStack.resource)).toEqual([FACE_GROUP_TYPE]);
    const { "//": _metadata, ...attributes } = written.MyStack.resource[FACE_GROUP_TYPE].employees;
    expect(attributes).toEqual({
      group_id: props.groupId,
      group_name: props.groupName,
      group_ex_descriptions: props.groupExDescriptions ?? [],
      tag: props.tag ?? "",
      face_model_version: props.faceModelVersion ?? "3.0",
      region: props.region ?? "ap-guangzhou",
      removal_policy: props.removalPolicy ?? "retain",
    });
  });
});

describe("cdktf deploy of an invalid stack (real CLI)", () => {
  let emu: Emulator;
  let project: CdktfProject;
  beforeAll(async () => {
    checkTerraform();
    emu = await startEmulator({ credentials: [{ secretId: "AKIDinvalidDeploy", secretKey: "invalidDeployKey" }], quiet: true });
    project = new CdktfProject("fg-sec-invalid-");
  });
  afterAll(async () => {
    await emu?.stop();
    project?.dispose();
  });

  test("stops at synth with the message: no API call, no Terraform state", async () => {
    project.setStacks([
      { name: "bad", groups: [{ id: "Good", props: { groupId: "Good", groupName: "Good" } }, { id: "Employees", props: { groupId: cjk(22), groupName: "Employees" } }] },
    ]);
    const r = await project.deploy("bad", { TENCENTCLOUD_IAI_ENDPOINT: emu.url, TENCENTCLOUD_SECRET_ID: "AKIDinvalidDeploy", TENCENTCLOUD_SECRET_KEY: "invalidDeployKey" });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain(
      `2 problems in 1 FaceGroup; nothing was synthesized:\n  [bad/Employees] groupId '${cjk(22)}' at bad/Employees: ${R.idBytes(66)}\n  [bad/Employees] groupId '${cjk(22)}' at bad/Employees: ${R.idChars}\n`,
    );
    expect(r.output).not.toMatch(/Apply complete|Terraform will perform/);
    expect(emu.requests).toEqual([]);
    // cdktf's local backend keeps state in the project folder (terraform.<stack>.tfstate); terraform never ran, and
    // no provider was placed (the stack folder holds no cdk.tf.json, terraform.d or lock file).
    const dir = project.stackDir("bad");
    const never = ["cdk.tf.json", ".terraform", "terraform.d", ".terraform.lock.hcl"].map((f) => path.join(dir, f));
    for (const f of [path.join(project.dir, "terraform.bad.tfstate"), ...never]) expect(fs.existsSync(f)).toBe(false);
  }, 120_000);
});
