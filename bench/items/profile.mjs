/**
 * Where the provider's time goes: every provider process of one terraform command under `node --cpu-prof`.
 *   plan:  `terraform plan` of a deployed 1-group stack — each provider process mostly starts, so this is the
 *          start-up profile (items 3 and 4);
 *   apply: `terraform apply` of N groups — the longest process is the one that applies (item 1).
 */
import * as path from "node:path";
import { profileProviders } from "../harness/profile.mjs";
import { FACE_GROUPS_APP, apply, plan } from "../harness/stack.mjs";
import { prepare, withEmulator } from "./apply.mjs";

/**
 * @param {{work: string, root: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 * @param {"plan"|"apply"} kind
 * @param {number} n groups for `apply`
 */
export async function profileCommand(bench, kind, n) {
  const { progress } = bench;
  const size = kind === "plan" ? 1 : n;
  return withEmulator(async (emu) => {
    const stack = await prepare(bench, FACE_GROUPS_APP, size, `profile-${kind}`, { ...bench.env, ...emu.env });
    if (kind === "plan") await progress.phase("profile: terraform apply of 1 group (not profiled)", () => apply(stack.dir, stack.ctx));
    const command = (env) => (kind === "plan" ? plan(stack.dir, { ...stack.ctx, env }) : apply(stack.dir, { ...stack.ctx, env }));
    const r = await progress.phase(`profile: terraform ${kind} of ${size} group(s), provider under node --cpu-prof`, () =>
      profileProviders({ dir: path.join(bench.work, `prof-${kind}`), root: bench.root, env: stack.ctx.env, command }),
    );
    return { kind, n: size, ...r };
  });
}
