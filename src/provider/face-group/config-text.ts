/**
 * The one reader of a string attribute of the provider block: a value that is set, or undefined for null, a
 * non-string and "" (Terraform gives "" for `attr = ""`, which users write to mean "not set").
 */
import { TfValue } from "../protocol/types";

/**
 * `v` when it is a non-empty string, else undefined.
 * @param blankIsUnset also treat whitespace-only as unset (network settings: a blank endpoint or proxy means none)
 */
export function setText(v: TfValue | undefined, blankIsUnset = false): string | undefined {
  if (typeof v !== "string") return undefined;
  return (blankIsUnset ? v.trim() : v) === "" ? undefined : v;
}
