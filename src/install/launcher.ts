/**
 * The provider's executable: a tiny POSIX sh launcher that runs the bundled `provider.js` next to it with the `node`
 * on PATH, plus the Node.js version check that the bundle runs first ({@link nodeVersionPrelude}).
 *
 * Start-up is paid 3–4 times per Terraform command, so the launcher's normal path spawns nothing: `command -v` and
 * `[` are shell builtins, and Terraform execs it through `.terraform/providers/…/<os>_<arch>`, a symlink to the
 * package FOLDER, so `provider.js` is already beside `$0`. Only when `$0` itself is a symlink to the launcher file
 * does it follow links with `readlink`. The version check lives in the bundle, where `process.versions` is free
 * (asking `node --version` from sh cost a second Node process).
 */

/**
 * The oldest Node.js the provider runs on, as [major, minor] (the package's `engines.node`): 20.3 brought
 * `AbortSignal.any`, which the provider's cancellable retries use.
 */
export const MIN_NODE: readonly [number, number] = [20, 3];
const MIN_NODE_TEXT = MIN_NODE.join(".");

/** The bundle's file name inside the provider package. */
export const PROVIDER_JS = "provider.js";

/** The one-line refusal, `reason` completing "but …" (the same words from the launcher and the bundle). */
function refusal(reason: string): string {
  return `tencentcloudiai provider: needs Node.js >= ${MIN_NODE_TEXT} as 'node' on PATH, but ${reason}. Install Node.js ${MIN_NODE_TEXT} or later and run again.`;
}

/**
 * The provider's young-generation cap, MB per semi-space (V8's default is 16). The provider keeps little (its heap
 * after a collection is ~30 MB during an apply of 3,000 groups); with the default, V8 lets the young generation grow
 * to ~34 MB of short-lived request garbage, which is most of the growth of its RSS. Measured: peak RSS of an apply of
 * 1,000 groups 115 → 85 MB and of 3,000 groups 135 → 119 MB, CPU unchanged; the price is ~20 ms more per provider
 * start (any non-default semi-space size costs about that much, interleaved runs of 15), i.e. ~80 ms per apply.
 */
export const SEMI_SPACE_MB = 2;

/**
 * The launcher's text. When Node.js is missing it prints one line and exits 1: on stdout when Terraform launched it
 * (Terraform quotes a plugin's first stdout line in its error as "Unrecognized remote plugin message: …"; stderr
 * only reaches TF_LOG), on stderr otherwise.
 */
export function launcherScript(): string {
  return `#!/bin/sh
# Terraform provider tencentcloudiai (npm package cdktf-tencentcloud-face-groups): runs ${PROVIDER_JS} with Node.js >= ${MIN_NODE_TEXT}.
self=$0
case $self in */*) dir=\${self%/*} ;; *) dir=. ;; esac
if [ ! -f "$dir/${PROVIDER_JS}" ]; then
  while [ -L "$self" ]; do
    link=$(readlink -- "$self")
    case $link in /*) self=$link ;; *) self=\${self%/*}/$link ;; esac
  done
  case $self in */*) dir=\${self%/*} ;; *) dir=. ;; esac
fi
if ! command -v node >/dev/null 2>&1; then
  msg="${refusal("found no 'node' on PATH")}"
  if [ -n "$TF_PLUGIN_MAGIC_COOKIE" ]; then echo "$msg"; else echo "$msg" >&2; fi
  exit 1
fi
exec node --max-semi-space-size=${SEMI_SPACE_MB} "$dir/${PROVIDER_JS}" "$@"
`;
}

/**
 * The first statements of `provider.js`: refuse a Node.js older than {@link MIN_NODE} with the launcher's
 * one line (same stdout/stderr rule) and exit 1, before any of the provider's code is compiled. ES5 only, so an
 * old Node parses it; the rest of the file must parse there too (the bundler keeps it to ES2015, and the provider
 * itself is an embedded string compiled after this check).
 */
export function nodeVersionPrelude(): string {
  const [before, after] = refusal("found Node.js v\0 at \0").split("\0 at \0").map((s) => JSON.stringify(s));
  return `(function () {
  var v = process.versions.node, parts = v.split("."), major = parseInt(parts[0], 10), minor = parseInt(parts[1], 10);
  if (major > ${MIN_NODE[0]} || (major === ${MIN_NODE[0]} && minor >= ${MIN_NODE[1]})) return;
  var line = ${before} + v + " at " + process.execPath + ${after} + "\\n";
  require("fs").writeSync(process.env.TF_PLUGIN_MAGIC_COOKIE ? 1 : 2, line); // synchronous: exit() follows
  process.exit(1);
})();
`;
}
