/**
 * Terraform reads every string of cdk.tf.json as a template: `${…}` interpolates and `%{…}` is a directive. A user
 * string must reach the provider byte for byte, so its literal parts are escaped (`$${`, `%%{`), while cdktf tokens
 * inside it (`${TfToken[…]}`, which resolve to real Terraform references) are passed through untouched.
 */
import { IFragmentConcatenator, Token, Tokenization } from "cdktf";

/** Escapes Terraform template sequences in a string that contains no token. */
export function escapeLiteral(s: string): string {
  // A replacer function: in a replacement string, `$$` would itself mean a single `$`.
  return s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** The running result of joining fragments, kept apart from plain strings so literals are escaped exactly once. */
class Joined {
  constructor(readonly text: string) {}
}

/**
 * A literal fragment is escaped; a token fragment (cdktf hands it over in its encoded string form, and a literal
 * fragment never contains one) is kept.
 */
function piece(fragment: unknown): string {
  if (fragment instanceof Joined) return fragment.text;
  const s = typeof fragment === "string" ? fragment : Token.asString(fragment);
  return Token.isUnresolved(s) ? s : escapeLiteral(s);
}

const CONCAT: IFragmentConcatenator = {
  join: (left: unknown, right: unknown) => new Joined(piece(left) + piece(right)),
};

/**
 * Escapes the literal parts of a string for Terraform, leaving its tokens alone. Non-strings (numbers, lists,
 * mistakes from plain JavaScript) are returned as they are, so validation can name them.
 */
export function escapeForTerraform<T>(value: T): T {
  // Every template sequence and every token marker (`${TfToken[`, `#{…`, `&{…`) has a `{`: most strings have none.
  if (typeof value !== "string" || !value.includes("{")) return value;
  if (!Token.isUnresolved(value)) return escapeLiteral(value) as T;
  return piece(Tokenization.reverseString(value).join(CONCAT)) as T;
}
