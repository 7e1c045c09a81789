/**
 * What needs no API call: the schema, ValidateResourceConfig (every documented rule, at its attribute path; unknown
 * values skipped), the provider block, UpgradeResourceState and the import id.
 */
import { createProvider } from "../../../src/provider/face-group";
import { UNKNOWN } from "../../../src/provider/protocol/types";
import { config, provider, TYPE } from "./helpers";

const validate = async (overrides: Parameters<typeof config>[1], groupId: Parameters<typeof config>[0] = "valid-1") =>
  (await provider(undefined)).p.validateResourceConfig({ typeName: TYPE, config: config(groupId, overrides) }).diagnostics;

describe("schema", () => {
  test("every attribute has a description; the resource is version 1 and planDestroy is on", async () => {
    const { p } = await provider(undefined);
    const s = p.schema();
    for (const schema of [s.provider, ...Object.values(s.resourceSchemas)]) {
      for (const a of schema.attributes) expect(a.description.length).toBeGreaterThan(10);
    }
    expect(s.resourceSchemas[TYPE].version).toBe(1);
    expect(s.capabilities.planDestroy).toBe(true);
    expect(s.provider.attributes.filter((a) => a.sensitive).map((a) => a.name)).toEqual(["secret_id", "secret_key", "security_token", "session_token"]);
  });
});

describe("ValidateResourceConfig", () => {
  test("a valid configuration: no diagnostics", async () => {
    expect(await validate({ group_ex_descriptions: ["a", "b"], tag: "t", face_model_version: "2.0", region: "ap-shanghai", removal_policy: "destroy" })).toEqual([]);
  });

  test("each rule is an error at its attribute, worded like the construct's messages", async () => {
    const d = await validate({ group_name: "", tag: "x".repeat(41), face_model_version: "4.0", region: "Guangzhou", removal_policy: "keep" }, "has spaces");
    expect(d.map((x) => [x.severity, x.attribute])).toEqual([
      ["error", [{ attribute: "group_id" }]],
      ["error", [{ attribute: "group_name" }]],
      ["error", [{ attribute: "tag" }]],
      ["error", [{ attribute: "face_model_version" }]],
      ["error", [{ attribute: "region" }]],
      ["error", [{ attribute: "removal_policy" }]],
    ]);
    expect(d[0]).toMatchObject({ summary: "Invalid group_id", detail: "group_id 'has spaces': only letters, digits and -%@#&_ are allowed" });
    expect(d[2].detail).toBe(`tag '${"x".repeat(41)}': must be 0–40 characters, is 41`);
  });

  test("a description element's error points at the element", async () => {
    const d = await validate({ group_ex_descriptions: ["a", "b", "x".repeat(31)] });
    expect(d).toEqual([
      { severity: "error", summary: "Invalid group_ex_descriptions[2]", detail: `group_ex_descriptions[2] '${"x".repeat(31)}': must be 1–30 characters, is 31`, attribute: [{ attribute: "group_ex_descriptions" }, { index: 2 }] },
    ]);
  });

  test("too many and repeated descriptions point at the list", async () => {
    const d = await validate({ group_ex_descriptions: ["a", "b", "c", "d", "e", "a"] });
    expect(d.map((x) => x.detail)).toEqual([
      expect.stringContaining("at most 5 fields are allowed, got 6"),
      expect.stringContaining("field names must be unique within the group; 'a' repeats"),
    ]);
    expect(d.every((x) => JSON.stringify(x.attribute) === JSON.stringify([{ attribute: "group_ex_descriptions" }]))).toBe(true);
  });

  test("unknown values are skipped; known elements of a partly unknown list are checked", async () => {
    expect(await validate({ group_name: UNKNOWN, tag: UNKNOWN, group_ex_descriptions: UNKNOWN }, UNKNOWN)).toEqual([]);
    expect(await validate({ group_ex_descriptions: [UNKNOWN, UNKNOWN, "ok"] })).toEqual([]);
    const d = await validate({ group_ex_descriptions: [UNKNOWN, "", "x", "x"] });
    expect(d.map((x) => x.attribute)).toEqual([[{ attribute: "group_ex_descriptions" }, { index: 1 }], [{ attribute: "group_ex_descriptions" }]]);
    expect((await validate({ group_ex_descriptions: [UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN] }))[0].detail).toContain("at most 5 fields");
  });
});

describe("provider block", () => {
  test("bad values are errors at their attribute; secret_id without secret_key; qps above 50 warns", async () => {
    const { p } = await provider(undefined);
    const d = p.validateProviderConfig({ region: "Nowhere", endpoint: "ftp://x", secret_id: "AKIDonly", secret_key: null, session_token: null, qps: 80, deadline_seconds: 0, request_timeout_seconds: null });
    expect(d.diagnostics.map((x) => [x.severity, x.attribute?.[0]])).toEqual([
      ["error", { attribute: "region" }],
      ["error", { attribute: "endpoint" }],
      ["error", { attribute: "secret_key" }],
      ["error", { attribute: "deadline_seconds" }],
      ["warning", { attribute: "qps" }],
    ]);
    expect(d.diagnostics[1].detail).toContain("endpoint 'ftp://x' is not an http(s) base URL");
  });

  test("network settings: bad domain, protocol, ca_bundle_file and proxy variable are errors before any call", async () => {
    const { p } = await provider(undefined);
    const nulls = { region: null, endpoint: null, secret_id: null, secret_key: null, session_token: null, qps: null, deadline_seconds: null, request_timeout_seconds: null };
    const d = p.validateProviderConfig({ ...nulls, domain: "https://tencentcloudapi.com", protocol: "ftp", ca_bundle_file: "/no/such/ca.pem" });
    expect(d.diagnostics.map((x) => [x.summary, x.attribute?.[0]])).toEqual([
      ["Invalid domain", { attribute: "domain" }],
      ["Invalid protocol", { attribute: "protocol" }],
      ["Invalid ca_bundle_file", { attribute: "ca_bundle_file" }],
    ]);
    expect(d.diagnostics[2].detail).toBe("ca_bundle_file '/no/such/ca.pem' cannot be read (ENOENT); give the path of a PEM file of CA certificates");
    const withProxy = createProvider({ ...process.env, HTTPS_PROXY: "socks5://me:pw1234@p:1080", https_proxy: undefined, TENCENTCLOUD_IAI_ENDPOINT: undefined });
    const proxied = withProxy.validateProviderConfig({ ...nulls, domain: "internal.tencentcloudapi.com" });
    expect(proxied.diagnostics.map((x) => x.detail)).toEqual(["HTTPS_PROXY 'socks5://***@p:1080' is not an http:// or https:// proxy URL such as http://proxy.example.com:3128 (SOCKS proxies are not supported)"]);
  });

  test("unknown values during plan are accepted", async () => {
    const { p } = await provider(undefined);
    expect(p.validateProviderConfig({ region: UNKNOWN, endpoint: UNKNOWN, secret_id: UNKNOWN, secret_key: UNKNOWN, session_token: null, qps: null, deadline_seconds: null, request_timeout_seconds: null }).diagnostics).toEqual([]);
  });
});

describe("UpgradeResourceState", () => {
  const stored = { id: "ap-guangzhou/g", group_id: "g", group_name: "n", group_ex_descriptions: [], tag: "", face_model_version: "3.0", region: "ap-guangzhou", removal_policy: "retain" };

  test("version 1 passes through (unknown attributes dropped, missing ones null); version 0 loses creation_timestamp", async () => {
    const { p } = await provider(undefined);
    expect(p.upgradeResourceState({ typeName: TYPE, version: 1, rawState: stored })).toEqual({ diagnostics: [], upgradedState: stored });
    const { tag: _tag, ...withoutTag } = stored;
    expect(p.upgradeResourceState({ typeName: TYPE, version: 1, rawState: { ...withoutTag, extra: 1 } }).upgradedState).toEqual({ ...stored, tag: null });
    expect(p.upgradeResourceState({ typeName: TYPE, version: 0, rawState: { ...stored, creation_timestamp: 1700000000000 } })).toEqual({ diagnostics: [], upgradedState: stored });
  });

  test("a newer version is a clear error", async () => {
    const { p } = await provider(undefined);
    const r = p.upgradeResourceState({ typeName: TYPE, version: 3, rawState: stored });
    expect(r.upgradedState).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ severity: "error", summary: "State written by a newer provider" });
    expect(r.diagnostics[0].detail).toContain("schema version 3");
  });
});

describe("ImportResourceState", () => {
  test("GROUP_ID (provider region) and REGION/GROUP_ID; removal_policy retain; no API call needed", async () => {
    const { p } = await provider(undefined, { region: "ap-beijing" });
    const a = await p.importResourceState({ typeName: TYPE, id: "Team-A" });
    expect(a.importedResources[0].state).toMatchObject({ id: "ap-beijing/Team-A", group_id: "Team-A", region: "ap-beijing", removal_policy: "retain" });
    const b = await p.importResourceState({ typeName: TYPE, id: "ap-shanghai/Team_B" });
    expect(b.importedResources[0].state).toMatchObject({ id: "ap-shanghai/Team_B", group_id: "Team_B", region: "ap-shanghai", removal_policy: "retain" });
  });

  test.each([["a/b/c"], ["ap-guangzhou/has space"], ["Bad Region/g"], [""]])("bad id %j: an error naming the accepted formats", async (id) => {
    const { p } = await provider(undefined);
    const r = await p.importResourceState({ typeName: TYPE, id });
    expect(r.importedResources).toEqual([]);
    expect(r.diagnostics[0].summary).toBe("Invalid import id");
    expect(r.diagnostics[0].detail).toContain('"GROUP_ID" (in the provider\'s region) or "REGION/GROUP_ID"');
  });
});
