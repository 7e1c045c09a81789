/**
 * The stack's provider block: empty by default, the app's settings when it creates the provider itself (never
 * credentials), one per stack, and FaceGroups use the app's provider instead of adding another.
 */
import { TerraformStack, Testing } from "cdktf";
import { FaceGroup, TencentcloudIaiProvider } from "../../src/construct";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";

let bundle: FakeBundle;
beforeAll(() => (bundle = fakeProviderBundle()));
afterAll(() => bundle.dispose());

const group = { groupId: "staff", groupName: "Staff" };
const synth = (s: TerraformStack): any => JSON.parse(Testing.synth(s, true));

test("without an app-created provider the block is empty", () => {
  const s = new TerraformStack(Testing.app(), "S");
  new FaceGroup(s, "Staff", group);
  expect(synth(s).provider.tencentcloudiai).toEqual([{}]);
});

test("an app-created provider's settings are written and the FaceGroups use it", () => {
  const s = new TerraformStack(Testing.app(), "S");
  const network = { domain: "internal.tencentcloudapi.com", protocol: "HTTPS", caBundleFile: "/etc/ssl/corp-ca.pem" };
  new TencentcloudIaiProvider(s, "iai", { region: "ap-shanghai", endpoint: "http://127.0.0.1:9000", ...network, qps: 20, deadlineSeconds: 60, requestTimeoutSeconds: 5 });
  new FaceGroup(s, "Staff", group);
  new FaceGroup(s, "Visitors", { groupId: "visitors", groupName: "Visitors" });
  const out = synth(s);
  expect(out.provider.tencentcloudiai).toEqual([
    {
      region: "ap-shanghai",
      endpoint: "http://127.0.0.1:9000",
      domain: "internal.tencentcloudapi.com",
      protocol: "HTTPS",
      ca_bundle_file: "/etc/ssl/corp-ca.pem",
      qps: 20,
      deadline_seconds: 60,
      request_timeout_seconds: 5,
    },
  ]);
  expect(Object.keys(out.resource.tencentcloudiai_face_group).sort()).toEqual(["staff", "visitors"]);
});

test("cdktf synth --hcl writes the same settings (the HCL renderer reads its own attribute list)", () => {
  const s = new TerraformStack(Testing.app(), "S");
  const provider = new TencentcloudIaiProvider(s, "iai", { region: "ap-shanghai", domain: "internal.tencentcloudapi.com", qps: 20, deadlineSeconds: 60 });
  const hcl = provider.toHclTerraform() as { provider: { tencentcloudiai: Array<Record<string, unknown>> } };
  const [block] = hcl.provider.tencentcloudiai as Array<Record<string, { value: unknown }>>;
  expect(Object.fromEntries(Object.entries(block).map(([k, v]) => [k, v.value]))).toEqual({ region: "ap-shanghai", domain: "internal.tencentcloudapi.com", qps: 20, deadline_seconds: 60 });
});

test("a second provider in one stack is refused, naming the first", () => {
  const s = new TerraformStack(Testing.app(), "S");
  new FaceGroup(s, "Staff", group);
  expect(() => new TencentcloudIaiProvider(s, "late")).toThrow(/S\/late: the stack already has one \(S\/TencentcloudIaiProvider\); create it once, before the stack's first FaceGroup/);
});

test("credential settings (no secrets) are written as the official provider's attributes and blocks, in JSON and HCL", () => {
  const s = new TerraformStack(Testing.app(), "S");
  const provider = new TencentcloudIaiProvider(s, "iai", {
    profile: "staging",
    allowedAccountIds: ["100000000001"],
    assumeRole: { roleArn: "qcs::cam::uin/100000000001:roleName/deployer", sessionName: "cdktf", sessionDuration: 3600 },
  });
  new FaceGroup(s, "Staff", group);
  expect(synth(s).provider.tencentcloudiai).toEqual([
    {
      profile: "staging",
      allowed_account_ids: ["100000000001"],
      assume_role: [{ role_arn: "qcs::cam::uin/100000000001:roleName/deployer", session_name: "cdktf", session_duration: 3600 }],
    },
  ]);
  const hcl = Testing.synthHcl(s, true);
  const flat = hcl.replace(/\s+/g, " ");
  expect(flat).toContain('provider "tencentcloudiai" { profile = "staging" allowed_account_ids = [ "100000000001" ] assume_role { role_arn = "qcs::cam::uin/100000000001:roleName/deployer" session_name = "cdktf" session_duration = 3600 } }');
  expect(provider.node.path).toBe("S/iai");
});
