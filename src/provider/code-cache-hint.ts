/**
 * The one fact the provider's code tells the code-cache loader (compile-cache.ts, which runs outside the bundle):
 * "this process compiled the API path" (the SDK, signing, credentials: loaded lazily on the first call that needs the
 * API). The first process of a command only serves the schema, so a cache written by it alone would leave every
 * plan and apply compiling the API path again; the loader rewrites the cache once a process that ran it exits.
 *
 * Shared through a registered symbol on globalThis because the bundle and the loader are separate copies of this
 * module.
 */
const HINT = Symbol.for("tencentcloudiai.codeCache.apiPathCompiled");

/** Records that this process has compiled the API path. */
export function noteApiPathCompiled(): void {
  (globalThis as Record<symbol, unknown>)[HINT] = true;
}

/** True once {@link noteApiPathCompiled} was called in this process. */
export function apiPathCompiled(): boolean {
  return (globalThis as Record<symbol, unknown>)[HINT] === true;
}
