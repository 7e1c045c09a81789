/** Entry of the echo test provider's bundle (built by the tests with scripts/bundle-provider.mjs --entry). */
import { runProvider } from "../../../../src/provider/protocol/run";
import { createEchoProvider } from "./echo-provider";

runProvider(createEchoProvider);
