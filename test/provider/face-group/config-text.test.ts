/**
 * The provider block's one string reader (src/provider/face-group/config-text.ts): what counts as "set".
 */
import { setText } from "../../../src/provider/face-group/config-text";
import { UNKNOWN } from "../../../src/provider/protocol/types";

test("a non-empty string is set; null, undefined, \"\", unknown and non-strings are not", () => {
  expect(setText("ap-shanghai")).toBe("ap-shanghai");
  expect(setText(" padded ")).toBe(" padded ");
  for (const v of [null, undefined, "", UNKNOWN, 5, true, ["x"]]) expect(setText(v as never)).toBeUndefined();
});

test("whitespace is a value, except where blanks mean unset (network settings: endpoint, domain, proxy, CA file)", () => {
  expect(setText("  ")).toBe("  ");
  expect(setText("  ", true)).toBeUndefined();
  expect(setText(" https://iai.example ", true)).toBe(" https://iai.example ");
});
