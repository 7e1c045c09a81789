/**
 * The apply-time handler, run by Terraform's local-exec provisioners of a FaceGroup:
 *
 *   FACE_GROUP='<json>' node handler.js apply    (settings part created: converge the live group)
 *   FACE_GROUP='<json>' node handler.js delete   (identity part destroyed: apply the removal policy)
 *   FACE_GROUP='<json>' node handler.js check    (preflight: declaration, endpoint and credentials; no API call)
 *
 * Exit code 0 on success, 1 on failure (one line saying what to do), 2 on a usage error. This entry stays tiny:
 * the SDK and everything that calls the API load only when a call is needed.
 */
import { describeFailure } from "./errors";
import { keptMessage } from "./converge";
import { Output, fdSink } from "./output";
import { groupIdForOutput, readIdentitySpec, readSettingsSpec } from "./spec";

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const startedAt = Date.now();
  const verb = argv[2];
  if ((verb !== "apply" && verb !== "delete" && verb !== "check") || argv.length > 3) {
    fdSink(2).write("usage: FACE_GROUP='<json>' node handler.js apply|delete|check\n");
    return 2;
  }
  const groupId = groupIdForOutput(env.FACE_GROUP);
  const out = new Output(groupId);
  try {
    const spec = verb !== "delete" ? readSettingsSpec(env.FACE_GROUP) : readIdentitySpec(env.FACE_GROUP);
    if ("removal_policy" in spec && spec.removal_policy === "retain") {
      out.info(keptMessage(spec));
      return 0;
    }
    const { run } = await import("./run");
    return await run(verb, spec, env, out, startedAt);
  } catch (e) {
    out.error(describeFailure(e, groupId));
    return 1;
  }
}

main(process.argv, process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    fdSink(2).write(`face-group: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
