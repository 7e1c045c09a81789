export * from "./face-group";
export * from "./removal-policy";
export * from "./terraform-data";
