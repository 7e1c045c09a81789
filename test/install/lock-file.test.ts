/** The lock-file merge: only our block is replaced; every other provider's block and all other text are kept. */
import { mergeLockFile, renderLockBlock } from "../../src/install";

const OURS = { source: "face-groups.invalid/ns/tencentcloudiai", version: "0.1.0-sha111111111111", constraints: "0.1.0-sha111111111111", hashes: ["h1:AAA="] };
const NEXT = { ...OURS, version: "0.2.0-sha222222222222", constraints: "0.2.0-sha222222222222", hashes: ["h1:BBB="] };
const RANDOM = `provider "registry.terraform.io/hashicorp/random" {\n  version     = "3.6.0"\n  constraints = "~> 3.6"\n  hashes = [\n    "h1:x=",\n    "zh:y",\n  ]\n}\n`;
const HEADER = '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';

describe("mergeLockFile", () => {
  test("a new file: Terraform's header and our block, formatted as terraform init formats it", () => {
    expect(mergeLockFile(undefined, OURS)).toBe(
      `${HEADER}\nprovider "face-groups.invalid/ns/tencentcloudiai" {\n  version     = "0.1.0-sha111111111111"\n  constraints = "0.1.0-sha111111111111"\n  hashes = [\n    "h1:AAA=",\n  ]\n}\n`,
    );
  });

  test("appended after other providers, which are kept byte for byte", () => {
    const merged = mergeLockFile(`${HEADER}\n${RANDOM}`, OURS);
    expect(merged).toBe(`${HEADER}\n${RANDOM}\n${renderLockBlock(OURS)}`);
  });

  test("replaced in place (an upgrade), the blocks around it untouched", () => {
    const before = `${HEADER}\n${RANDOM}\n${renderLockBlock(OURS)}\n${RANDOM.replace(/random/g, "null")}`;
    expect(mergeLockFile(before, NEXT)).toBe(`${HEADER}\n${RANDOM}\n${renderLockBlock(NEXT)}\n${RANDOM.replace(/random/g, "null")}`);
  });

  test("idempotent, and CRLF files keep CRLF", () => {
    const once = mergeLockFile(`${HEADER}\n${RANDOM}`, OURS);
    expect(mergeLockFile(once, OURS)).toBe(once);
    const crlf = mergeLockFile(`${HEADER}\n${RANDOM}`.replace(/\n/g, "\r\n"), OURS);
    expect(crlf).toBe(once.replace(/\n/g, "\r\n"));
  });

  test("an existing block with extra hashes (e.g. written by terraform providers lock) is replaced whole", () => {
    const theirs = renderLockBlock({ ...OURS, hashes: ["h1:old=", "zh:old"] });
    expect(mergeLockFile(`${HEADER}\n${theirs}`, OURS)).toBe(`${HEADER}\n${renderLockBlock(OURS)}`);
  });
});
