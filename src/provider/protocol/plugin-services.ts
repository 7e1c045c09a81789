/**
 * The services go-plugin's client expects from every plugin, apart from the plugin's own:
 * - `plugin.GRPCBroker/StartStream`: opened at connect for sub-plugin connections (Terraform uses none); kept open,
 *   as closing it makes the client log errors;
 * - `plugin.GRPCStdio/StreamStdio`: the plugin's stdout/stderr mirrored over gRPC; we log straight to stderr instead,
 *   so the stream stays open and sends nothing;
 * - `plugin.GRPCController/Shutdown`: answered, then the process exits (go-plugin kills it ~2 s later otherwise);
 * - `grpc.health.v1.Health/Check`: SERVING for the service "plugin" (go-plugin's Ping).
 */
import type { Routes, StreamingMethod, UnaryMethod } from "./grpc";
import { unaryMethod } from "./proto";

const keepOpen: StreamingMethod = { kind: "stream", open: () => undefined };

const SERVING = 1;
const SERVICE_UNKNOWN = 3;

/**
 * The go-plugin and health routes.
 * @param onShutdown called once the Shutdown answer is sent (the caller exits the process)
 */
export function pluginRoutes(onShutdown: () => void): Array<[string, UnaryMethod | StreamingMethod]> {
  const shutdown: UnaryMethod = { ...unaryMethod<object, object>("plugin.Empty", "plugin.Empty", () => ({})), afterResponse: onShutdown };
  return [
    ["/plugin.GRPCBroker/StartStream", keepOpen],
    ["/plugin.GRPCStdio/StreamStdio", keepOpen],
    ["/plugin.GRPCController/Shutdown", shutdown],
    [
      "/grpc.health.v1.Health/Check",
      unaryMethod<{ service: string }, object>("grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse", (req) => ({
        status: req.service === "" || req.service === "plugin" ? SERVING : SERVICE_UNKNOWN,
      })),
    ],
  ];
}

/** All routes of a provider process: `provider` (from providerRoutes) plus the go-plugin ones. */
export function allRoutes(provider: Array<[string, UnaryMethod]>, onShutdown: () => void): Routes {
  return new Map<string, UnaryMethod | StreamingMethod>([...provider, ...pluginRoutes(onShutdown)]);
}
