/**
 * The provider's Terraform version: follows the content, is a release version (Terraform selects a pre-release only
 * for an exact pin, and a stack whose last FaceGroup was removed pins nothing), and a later npm patch sorts higher.
 */
import { providerVersion } from "../../src/install";

const HASH_A = "0123456789abcdef".repeat(4);
const HASH_B = "fedcba9876543210".repeat(4);

test("a release version (no pre-release part) that changes with the content", () => {
  const a = providerVersion("0.1.0", HASH_A);
  expect(a).toMatch(/^0\.1\.\d+$/);
  expect(providerVersion("0.1.0", HASH_A)).toBe(a);
  expect(providerVersion("0.1.0", HASH_B)).not.toBe(a);
});

test("a later npm patch sorts above any build of an earlier one; npm pre-release and build parts are dropped", () => {
  const patch = (v: string) => BigInt(v.split(".")[2]);
  expect(patch(providerVersion("0.1.1", HASH_A))).toBeGreaterThan(patch(providerVersion("0.1.0", "f".repeat(64))));
  expect(providerVersion("0.2.0-beta.1", HASH_A)).toBe(providerVersion("0.2.0", HASH_A));
  expect(() => providerVersion("latest", HASH_A)).toThrow(/npm version/);
});
