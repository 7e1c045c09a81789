export * from "./face-group";
export * from "./face-group-list";
export * from "./face-group-reference";
export * from "./face-group-resource";
export * from "./provider";
export * from "./removal-policy";
