/**
 * X-TC-Region: groups are partitioned by it, so only a region id (src/api's REGION_PATTERN, at most 64 characters)
 * is accepted; anything else is `UnsupportedRegion` (API 3.0 common error code) and creates nothing.
 */
import { isTransientCode } from "../../src/api/error-codes";
import { Emulator } from "../../src/emulator";
import { client, codeOf, failure, group, raw, start } from "./helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());

test("the official SDK client with region Mars gets UnsupportedRegion, with a message naming the region and the fix", async () => {
  const err = await failure(client(emu, { region: "Mars" }).CreateGroup(group("mars-1")));
  expect(err.code).toBe("UnsupportedRegion");
  expect(err.message).toBe(
    `The region 'Mars' (X-TC-Region) is not supported: it must be a Tencent Cloud region id such as "ap-guangzhou" (lower case, e.g. ap-shanghai, na-siliconvalley). Omit the header for ap-guangzhou.`,
  );
  expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(emu.requests.at(-1)).toMatchObject({ action: "CreateGroup", region: "Mars", code: "UnsupportedRegion" });
  expect(emu.groups()).toEqual([]);
  expect(isTransientCode("UnsupportedRegion")).toBe(false); // the handler fails at once, no retries
});

test("valid regions still work through the SDK, each its own partition", async () => {
  for (const region of ["ap-guangzhou", "ap-shanghai-fsi", "na-siliconvalley", "eu-frankfurt"]) {
    await client(emu, { region }).CreateGroup(group("valid-1"));
  }
  expect(emu.groups().map((g) => g.Region)).toEqual(["ap-guangzhou", "ap-shanghai-fsi", "na-siliconvalley", "eu-frankfurt"]);
  expect((await client(emu, { region: "ap-shanghai-fsi" }).GetGroupInfo({ GroupId: "valid-1" })).GroupName).toBe("name of valid-1");
});

describe("every action refuses a bad X-TC-Region before touching any partition", () => {
  const long = `ap-${"a".repeat(8 * 1024)}`;
  test.each<[string, string, string]>([
    ["an upper-case name", "Mars", "'Mars'"],
    ["two regions (a repeated or comma-joined header)", "ap-guangzhou, ap-beijing", "'ap-guangzhou, ap-beijing'"],
    ["a path", "../../etc", "'../../etc'"],
    ["a trailing hyphen", "ap-guangzhou-", "'ap-guangzhou-'"],
    ["an 8 KB region-shaped string", long, `'${long.slice(0, 80)}…'`],
    ["65 characters, otherwise well-formed", `ap-${"b".repeat(62)}`, `'${`ap-${"b".repeat(62)}`.slice(0, 80)}'`],
  ])("%s", async (_name, region, shown) => {
    const before = emu.groups().length;
    for (const action of ["CreateGroup", "GetGroupList", "DeleteGroup"]) {
      const r = await raw(emu, { action, region, body: JSON.stringify(group("bad-region-1")) });
      expect(codeOf(r)).toBe("UnsupportedRegion");
      expect(r.json?.Response.Error?.Message).toContain(`The region ${shown} (X-TC-Region) is not supported`);
    }
    expect(emu.groups()).toHaveLength(before);
    // The record keeps at most 64 characters of it (plus an ellipsis), whatever was sent.
    expect(emu.requests.at(-1)!.region.length).toBeLessThanOrEqual(65);
  });

  test("an overlong region says how long it was and the limit", async () => {
    const r = await raw(emu, { region: long });
    expect(r.json?.Response.Error?.Message).toContain(`it is ${long.length} characters long; a region id has at most 64.`);
  });

  test("64 characters is still accepted", async () => {
    const region = `ap-${"c".repeat(61)}`;
    expect(codeOf(await raw(emu, { region }))).toBeUndefined();
    expect(emu.requests.at(-1)!.region).toBe(region);
  });

  test("an absent or empty X-TC-Region means ap-guangzhou", async () => {
    for (const value of [undefined, ""]) {
      const r = await raw(emu, { headers: { "X-TC-Region": value } });
      expect(codeOf(r)).toBeUndefined();
      expect(emu.requests.at(-1)!.region).toBe("ap-guangzhou");
    }
  });
});

test("UnsupportedRegion comes after the action and version checks and before authentication", async () => {
  expect(codeOf(await raw(emu, { region: "Mars", action: "CreatePerson" }))).toBe("InvalidAction");
  expect(codeOf(await raw(emu, { region: "Mars", version: "2018-03-01" }))).toBe("NoSuchVersion");
  expect(codeOf(await raw(emu, { region: "Mars", secretKey: "wrong" }))).toBe("UnsupportedRegion");
});
