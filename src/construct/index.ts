export * from "./face-group";
export * from "./face-group-list";
export * from "./face-group-reference";
export * from "./face-group-resource";
export * from "./provider";
export type { AssumeRoleConfig, AssumeRoleWithWebIdentityConfig, TencentcloudIaiCredentialsConfig } from "./provider-credentials";
export * from "./removal-policy";
