/**
 * The data sources driven as Terraform would (ValidateDataResourceConfig, ReadDataSource) against the emulator: what
 * they return (the live groups' fields exactly), what reached the API (shared pages, every page of a large region,
 * retries of transient faults), and the errors (a missing group at group_id, naming it and the region; bad input
 * before any call).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, StoredGroup } from "../../../src/emulator";
import { ApiError } from "../../../src/handler/errors";
import { FACE_GROUP_TYPE, FACE_GROUPS_TYPE } from "../../../src/provider/address";
import { listRegion, MAX_WALKS } from "../../../src/provider/face-group/data-groups";
import { TfObject, UNKNOWN } from "../../../src/provider/protocol/types";
import { seedFor } from "../../support/fault-seed";
import { officialClient } from "../../support/official-client";
import { calls, emulator, provider, SECRET_ID, SECRET_KEY, TestProvider, TOKEN } from "./helpers";

const one = (groupId: unknown, region: unknown = null): TfObject => ({ id: null, group_id: groupId as string, region: region as string, group_name: null, group_ex_descriptions: null, tag: null, face_model_version: null, creation_timestamp: null });
const list = (namePrefix: string | null = null, region: string | null = null): TfObject => ({ id: null, region, name_prefix: namePrefix, groups: null, group_ids: null });

/** The data source's fields of a stored group. */
const fieldsOf = (g: StoredGroup) => ({
  group_name: g.GroupName,
  group_ex_descriptions: g.GroupExDescriptions,
  tag: g.Tag,
  face_model_version: g.FaceModelVersion,
  creation_timestamp: g.CreationTimestamp,
});

test("schemas: both data sources, every attribute described; only group_id is required, region and name_prefix optional", async () => {
  const { p } = await provider(undefined);
  const schemas = p.schema().dataSourceSchemas;
  expect(Object.keys(schemas).sort()).toEqual([FACE_GROUP_TYPE, FACE_GROUPS_TYPE]);
  for (const schema of Object.values(schemas)) {
    expect(schema.description.length).toBeGreaterThan(40);
    for (const a of schema.attributes) expect(a.description.length).toBeGreaterThan(20);
  }
  const inputs = (type: string) => schemas[type].attributes.filter((a) => !a.computed || a.optional).map((a) => `${a.name}:${a.required ? "required" : "optional"}`);
  expect(inputs(FACE_GROUP_TYPE)).toEqual(["group_id:required", "region:optional"]);
  expect(inputs(FACE_GROUPS_TYPE)).toEqual(["region:optional", "name_prefix:optional"]);
});

describe("tencentcloudiai_face_group (one group)", () => {
  let emu: Emulator;
  let t: TestProvider;
  const read = (cfg: TfObject, p = t.p) => p.readDataSource({ typeName: FACE_GROUP_TYPE, config: cfg });
  const stored = (id: string, region = "ap-guangzhou") => emu.groups(region).find((g) => g.GroupId === id)!;

  beforeAll(async () => {
    emu = await emulator();
    t = await provider(emu);
    const gz = officialClient(emu.url, { secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN });
    await gz.CreateGroup({ GroupId: "Shared-1", GroupName: "Shared", GroupExDescriptions: ["Dept", "Floor"], Tag: "made in the console", FaceModelVersion: "2.0" });
    for (let i = 0; i < 12; i++) await gz.CreateGroup({ GroupId: `Many-${i}`, GroupName: `Many ${i}` });
    const sh = officialClient(emu.url, { secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN }, "ap-shanghai");
    await sh.CreateGroup({ GroupId: "Shared-1", GroupName: "Shanghai's", FaceModelVersion: "3.0" });
  });
  afterAll(() => emu.stop());

  test("every field of the live group, in the provider's region by default; one call", async () => {
    const from = emu.requests.length;
    const r = await read(one("Shared-1"));
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toEqual({ id: "ap-guangzhou/Shared-1", group_id: "Shared-1", region: "ap-guangzhou", ...fieldsOf(stored("Shared-1")) });
    expect(r.state).toMatchObject({ group_ex_descriptions: ["Dept", "Floor"], tag: "made in the console", face_model_version: "2.0" });
    expect(calls(emu, from)).toEqual(["GetGroupInfo:OK"]);
  });

  test("region: the data source's own, else the provider's (the same GroupId in another region is another group)", async () => {
    expect((await read(one("Shared-1", "ap-shanghai"))).state).toMatchObject({ id: "ap-shanghai/Shared-1", region: "ap-shanghai", ...fieldsOf(stored("Shared-1", "ap-shanghai")) });
    const inShanghai = await provider(emu, { region: "ap-shanghai" });
    expect((await read(one("Shared-1"), inShanghai.p)).state).toMatchObject({ region: "ap-shanghai", group_name: "Shanghai's" });
  });

  test("reads made together: one GetGroupInfo each (the authority: a listing may trail the writes of this very apply)", async () => {
    const from = emu.requests.length;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => read(one(`Many-${i}`))));
    expect(results.map((r) => r.state?.group_name)).toEqual(Array.from({ length: 12 }, (_, i) => `Many ${i}`));
    expect(calls(emu, from)).toEqual(Array(12).fill("GetGroupInfo:OK"));
  });

  test("a missing group is an error at group_id naming the group and the region, confirmed by GetGroupInfo", async () => {
    const from = emu.requests.length;
    const r = await read(one("Only-In-Guangzhou", "ap-shanghai"));
    expect(r.state).toBeNull();
    expect(r.diagnostics).toEqual([
      {
        severity: "error",
        summary: "Face group 'Only-In-Guangzhou' not found in ap-shanghai",
        detail: expect.stringContaining("no face group with GroupId 'Only-In-Guangzhou' exists in region ap-shanghai"),
        attribute: [{ attribute: "group_id" }],
      },
    ]);
    expect(calls(emu, from)).toEqual(["GetGroupInfo:InvalidParameterValue.GroupIdNotExist"]);
  });

  test("bad group_id or region: errors at the attribute, before any call; unknown values wait", async () => {
    const from = emu.requests.length;
    const v = t.p.validateDataResourceConfig({ typeName: FACE_GROUP_TYPE, config: one("has spaces", "Guangzhou") }).diagnostics;
    expect(v).toEqual([
      { severity: "error", summary: "Invalid group_id", detail: "group_id 'has spaces': only letters, digits and -%@#&_ are allowed", attribute: [{ attribute: "group_id" }] },
      { severity: "error", summary: "Invalid region", detail: expect.stringContaining("region 'Guangzhou': must be a Tencent Cloud region id"), attribute: [{ attribute: "region" }] },
    ]);
    expect((await read(one("x".repeat(65)))).diagnostics).toEqual([expect.objectContaining({ summary: "Invalid group_id", attribute: [{ attribute: "group_id" }] })]);
    expect(t.p.validateDataResourceConfig({ typeName: FACE_GROUP_TYPE, config: one(UNKNOWN, UNKNOWN) }).diagnostics).toEqual([]);
    expect(calls(emu, from)).toEqual([]);
  });

  test("an API failure says what failed and what to do, without the secret", async () => {
    const wrong = await provider(emu, { secret_id: SECRET_ID, secret_key: "not-the-key-of-this-account" });
    const r = await read(one("Shared-1"), wrong.p);
    expect(r.diagnostics).toEqual([{ severity: "error", summary: "Cannot read face group 'Shared-1' in ap-guangzhou", detail: expect.stringMatching(/Code=AuthFailure\.SignatureFailure .*what to do: the API rejected the credentials/) }]);
    expect(JSON.stringify(r)).not.toContain("not-the-key-of-this-account");
  });
});

describe("tencentcloudiai_face_groups (a region's groups)", () => {
  const REGION = "ap-chengdu";
  const TOTAL = 2_345;
  let emu: Emulator;
  let t: TestProvider;
  let dir: string;
  const read = (cfg: TfObject) => t.p.readDataSource({ typeName: FACE_GROUPS_TYPE, config: cfg });

  beforeAll(async () => {
    // A region of 2,345 groups (3 pages), written as the emulator's state file; a few in another region.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-data-sources-"));
    const group = (region: string, i: number, name: string): StoredGroup => ({
      Region: region,
      GroupId: `g-${String(i).padStart(5, "0")}`,
      GroupName: name,
      GroupExDescriptions: i % 2 ? ["d"] : [],
      Tag: `t${i}`,
      FaceModelVersion: i % 3 ? "3.0" : "2.0",
      CreationTimestamp: 1_700_000_000_000 + i,
      UpdateTimestamp: 1_700_000_000_000 + i,
    });
    // Created in descending id order, so the answer's order (by group_id) is not the API's.
    const groups = Array.from({ length: TOTAL }, (_, k) => TOTAL - 1 - k).map((i) => group(REGION, i, i % 100 === 7 ? `audit-${i}` : `team ${i}`));
    groups.push(group("ap-guangzhou", 7, "audit-elsewhere"));
    fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify({ version: 1, groups }));
    emu = await emulator({ statePath: path.join(dir, "state.json") });
    t = await provider(emu, { region: REGION });
  });
  afterAll(async () => {
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("name_prefix: exactly the matching groups of the region, every field, ordered by group_id; every page read once", async () => {
    const from = emu.requests.length;
    const r = await read(list("audit-"));
    expect(r.diagnostics).toEqual([]);
    const expected = emu.groups(REGION).filter((g) => g.GroupName.startsWith("audit-")).sort((a, b) => a.GroupId.localeCompare(b.GroupId));
    expect(expected).toHaveLength(24);
    expect(r.state).toEqual({
      id: `${REGION}/audit-`,
      region: REGION,
      name_prefix: "audit-",
      groups: expected.map((g) => ({ group_id: g.GroupId, ...fieldsOf(g) })),
      group_ids: expected.map((g) => g.GroupId),
    });
    expect(calls(emu, from)).toEqual(["GetGroupList:OK", "GetGroupList:OK", "GetGroupList:OK"]);
  });

  test("without a prefix: every group of the region, none of another", async () => {
    const r = await read(list());
    expect(r.state!.id).toBe(REGION);
    expect(r.state!.group_ids).toEqual(emu.groups(REGION).map((g) => g.GroupId).sort());
    expect((r.state!.group_ids as string[]).length).toBe(TOTAL);
    expect((await read(list("audit-", "ap-guangzhou"))).state!.group_ids).toEqual(["g-00007"]);
  });

  test("transient faults are retried: the list is still complete", async () => {
    // The second and third pages fail once each.
    emu.setFaults({ rate: 0.5, kinds: ["InternalError"], seed: seedFor([false, true, false, true, false]) });
    try {
      const from = emu.requests.length;
      const r = await read(list("audit-"));
      expect(r.diagnostics).toEqual([]);
      expect(r.state!.group_ids).toHaveLength(24);
      expect(calls(emu, from)).toEqual(["GetGroupList:OK", "GetGroupList:InternalError", "GetGroupList:OK", "GetGroupList:InternalError", "GetGroupList:OK"]);
      expect(t.logs.filter((l) => /GetGroupList InternalError .* \(transient, retrying in \d+ms\)$/.test(l))).toHaveLength(2);
    } finally {
      emu.setFaults({ rate: 0, kinds: [] });
    }
  });

  test("a name_prefix no group name could match is refused before any call", () => {
    const d = t.p.validateDataResourceConfig({ typeName: FACE_GROUPS_TYPE, config: list("n".repeat(61), "Chengdu") }).diagnostics;
    expect(d.map((x) => [x.summary, x.attribute])).toEqual([
      ["Invalid region", [{ attribute: "region" }]],
      ["Invalid name_prefix", [{ attribute: "name_prefix" }]],
    ]);
    expect(d[1].detail).toContain("is 61 characters long, but a group name has at most 60, so no group could match");
  });
});

describe("listRegion: pages that shifted during the walk", () => {
  /** An API over a list that loses its first group after the first page was served (a deletion during the walk). */
  function shiftingApi(size: number) {
    let ids = Array.from({ length: size }, (_, i) => `g${i}`);
    const seen: string[] = [];
    return {
      seen,
      api: {
        call: async (action: string, params: object) => {
          const { Offset } = params as { Offset: number };
          seen.push(`${action}@${Offset}`);
          if (Offset > ids.length) throw new ApiError(action, "api", "InvalidParameterValue.OffsetExceed", "past the end");
          const page = ids.slice(Offset, Offset + 1000).map((GroupId) => ({ GroupId, GroupName: GroupId }));
          const answer = { GroupInfos: page, GroupNum: ids.length };
          if (seen.length === 1) ids = ids.slice(1); // deleted after the first page: g1000 moves to page 1 and is skipped
          return answer;
        },
      },
    };
  }

  test("a walk that skipped a group is walked again", async () => {
    const { api, seen } = shiftingApi(1_500);
    const r = await listRegion(api);
    expect(r.settled).toBe(true);
    expect(r.groups.map((g) => g.GroupId).sort()).toEqual(Array.from({ length: 1_499 }, (_, i) => `g${i + 1}`).sort());
    expect(seen).toEqual(["GetGroupList@0", "GetGroupList@1000", "GetGroupList@0", "GetGroupList@1000"]);
  });

  test("a region that keeps changing is returned as unsettled after the last walk", async () => {
    let n = 0;
    const api = { call: async () => ({ GroupInfos: [{ GroupId: `g${n}` }], GroupNum: 2 + n++ }) };
    const r = await listRegion(api);
    expect(r.settled).toBe(false);
    expect(n).toBe(MAX_WALKS);
  });
});
