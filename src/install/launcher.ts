/**
 * The provider's executable: a tiny POSIX sh launcher that runs the bundled `provider.js` next to it with the `node`
 * on PATH. Terraform starts it by a path inside `.terraform/providers/…`, a symlink to the package folder (the local
 * mirror's, or the plugin cache's), so the launcher follows symlinks of its own path before looking beside itself.
 */

/** The oldest Node.js major version the provider runs on (the package's `engines.node`). */
export const MIN_NODE_MAJOR = 20;

/** The bundle's file name inside the provider package. */
export const PROVIDER_JS = "provider.js";

/**
 * The launcher's text. Deliberately free of tools other than `readlink` (only when its path is a symlink) and `node`,
 * so a minimal PATH still gets the clear message. When Node.js is missing or too old it prints one line and exits 1:
 * on stdout when Terraform launched it (Terraform quotes a plugin's first stdout line in its error as
 * "Unrecognized remote plugin message: …"; stderr only reaches TF_LOG), on stderr otherwise.
 */
export function launcherScript(): string {
  return `#!/bin/sh
# Terraform provider tencentcloudiai (npm package cdktf-tencentcloud-face-groups): runs ${PROVIDER_JS} with Node.js >= ${MIN_NODE_MAJOR}.
self=$0
while [ -L "$self" ]; do
  link=$(readlink -- "$self")
  case $link in /*) self=$link ;; *) self=\${self%/*}/$link ;; esac
done
case $self in */*) dir=\${self%/*} ;; *) dir=. ;; esac
fail() {
  msg="tencentcloudiai provider: needs Node.js >= ${MIN_NODE_MAJOR} as 'node' on PATH, but $1. Install Node.js ${MIN_NODE_MAJOR} or later and run again."
  if [ -n "$TF_PLUGIN_MAGIC_COOKIE" ]; then echo "$msg"; else echo "$msg" >&2; fi
  exit 1
}
command -v node >/dev/null 2>&1 || fail "found no 'node' on PATH"
version=$(node --version 2>/dev/null)
major=\${version#v}
major=\${major%%.*}
case $major in '' | *[!0-9]*) fail "'node --version' printed '$version'" ;; esac
[ "$major" -ge ${MIN_NODE_MAJOR} ] || fail "found Node.js $version at $(command -v node)"
exec node "$dir/${PROVIDER_JS}" "$@"
`;
}
