/** The environment for an `npm` that a test starts. */

/**
 * `env` without the `npm_*` variables an outer `npm test` exports (its prefix, config, lifecycle event), so an npm
 * started by a test acts on the folder it runs in, as a user's would.
 */
export function npmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}
