/**
 * The apply-time handler, shipped inside the synthesized stack: one cdktf file asset per stack, shared by all its
 * FaceGroups. Terraform runs local-exec in the stack folder, and the asset lands at `assets/<id>/<hash>/handler.js`
 * relative to it, so the command holds no absolute path and a saved plan applies on another machine.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AssetType, TerraformAsset, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";

/** The construct id of the per-stack asset (also its folder name under `assets/`). */
export const HANDLER_ASSET_ID = "FaceGroupHandler";

/**
 * Where the esbuild bundle is: next to the compiled construct (`lib/construct` → `lib/handler/bundle`), which is
 * also where it is inside node_modules; when the construct runs from `src/` (ts-jest, tsx) the repository's `lib/`.
 */
const BUNDLE_CANDIDATES = [
  path.join(__dirname, "..", "handler", "bundle", "handler.js"),
  path.join(__dirname, "..", "..", "lib", "handler", "bundle", "handler.js"),
];

/** The absolute path of the handler bundle on this machine; a clear error when it has not been built. */
export function handlerBundlePath(): string {
  const found = BUNDLE_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `FaceGroup: the apply-time handler bundle is missing (looked for ${BUNDLE_CANDIDATES[0]}). ` +
        "Run `npm run build` in cdktf-tencentcloud-face-groups (it bundles src/handler with esbuild).",
    );
  }
  return found;
}

/** The handler asset of the stack that holds `scope`, created on first use. */
export function handlerAsset(scope: IConstruct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(HANDLER_ASSET_ID);
  if (existing) return existing as TerraformAsset;
  return new TerraformAsset(stack as Construct, HANDLER_ASSET_ID, { path: handlerBundlePath(), type: AssetType.FILE });
}

/** The asset's relative path, per asset: two commands per group would otherwise recompute it thousands of times. */
const assetPaths = new WeakMap<TerraformAsset, string>();

/** The local-exec command that runs the handler: `node assets/…/handler.js <verb>`. No user value ever goes here. */
export function handlerCommand(scope: IConstruct, verb: "apply" | "delete"): string {
  const asset = handlerAsset(scope);
  let assetPath = assetPaths.get(asset);
  if (assetPath === undefined) {
    assetPath = asset.path;
    assetPaths.set(asset, assetPath);
  }
  return `node ${assetPath} ${verb}`;
}
