/**
 * cdktf-tencentcloud-face-groups: Tencent Cloud IAI face groups as CDK for Terraform constructs,
 * served by the bundled tencentcloudiai Terraform provider, with an embedded IAI emulator.
 */
export * from "./api/rules";
export * from "./api/error-codes";
export * from "./emulator";
export * from "./construct";
