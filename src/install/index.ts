/** Placing the provider for `terraform init` (at synth, or into a working directory): package, local mirror, lock file, plugin cache. */
export * from "./dirhash";
export * from "./launcher";
export * from "./lock-file";
export * from "./mirror";
export * from "./provider-package";
export * from "./cli-config";
export * from "./working-dir";
