/**
 * Item 3: provider start-up — exec to the handshake line, the moment Terraform can dial it. Terraform starts the
 * provider 3 times per plan and 4 per apply, so this is the fixed cost of every command on any stack size.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROVIDER_BUNDLE, clientCertificate, measureProviderStart, placedProvider } from "../harness/provider.mjs";
import { TARGETS } from "../harness/report.mjs";
import { FACE_GROUPS_APP, synth } from "../harness/stack.mjs";

/**
 * Judged: the executable the construct placed in a synthesized stack, exec'd as Terraform does (no shell). Shown
 * beside it: `node provider.js` (the bundle without the launcher), which tells the launcher's share.
 * @param {{work: string, env: Record<string,string>, progress: object, logOf: Function}} bench
 * @param {number} runs
 */
export async function providerStart(bench, runs) {
  const { progress, work, env } = bench;
  const log = bench.logOf("provider-start");
  const s = await progress.phase("provider start: synth a 1-group stack (places the provider)", () => synth(FACE_GROUPS_APP, 1, path.join(work, "start"), { env, log }));
  const placed = placedProvider(s.stackDir);
  if (!placed) throw new Error(`no terraform-provider-tencentcloudiai* under ${s.stackDir}/terraform.d/plugins after synth`);
  const variants = [{ name: "placed executable (as Terraform execs it)", cmd: placed, args: [] }];
  if (fs.existsSync(PROVIDER_BUNDLE)) variants.push({ name: "node lib/provider/bundle/provider.js (no launcher)", cmd: process.execPath, args: [PROVIDER_BUNDLE] });
  // One client certificate per benchmark run, as go-plugin makes one per launch (the provider only parses it).
  const certPem = clientCertificate(path.join(work, "cert"));
  const r = await progress.phase(`provider start: ${runs}+1 interleaved rounds of ${variants.length} provider start(s) and node -e 0`, () =>
    measureProviderStart({ runs, variants, env, certPem, log }),
  );
  const [judged, ...also] = r.variants;
  return {
    runs, executable: path.relative(work, placed), node: r.node, handshake: r.handshake,
    providerMs: judged.ms, providerMedianMs: judged.medianMs, nodeMs: r.nodeMs, nodeMedianMs: r.nodeMedianMs,
    ratio: judged.ratio, also, pass: judged.ratio <= TARGETS.providerStartRatio,
  };
}
