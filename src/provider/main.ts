/**
 * The provider executable's entry, bundled into lib/provider/bundle/provider.js by scripts/bundle-provider.mjs:
 * serves the face group provider over Terraform's plugin protocol (see protocol/run.ts).
 */
import { createProvider } from "./face-group";
import { runProvider } from "./protocol/run";

runProvider(createProvider);
