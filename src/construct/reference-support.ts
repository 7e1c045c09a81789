/**
 * What the constructs share: the HCL rendering of an attribute (every construct), and the synth-time check of the
 * data source constructs' literal values (FaceGroupReference, FaceGroupList). Internal: not exported from the package.
 */
import { IConstruct } from "constructs";
import { checkDeclaredProps } from "./validation";

/** `{ value, … }` as cdktf's HCL renderer (`cdktf synth --hcl`) wants one attribute of the given storage class. */
export function hclAttribute(value: unknown, storageClassType: "string" | "stringList" | "number" = "string"): Record<string, unknown> {
  return { value, isBlock: false, type: storageClassType === "stringList" ? "list" : "simple", storageClassType };
}

/**
 * Throws, naming the construct, when a literal value breaks a documented rule (tokens are the provider's to check at
 * plan): a wrong reference would otherwise only fail at plan time.
 */
export function assertValidReference(construct: IConstruct, what: string, values: Parameters<typeof checkDeclaredProps>[0]): void {
  const problems = checkDeclaredProps(values, construct.node.path);
  if (problems.length > 0) throw new Error(`Invalid ${what}; nothing was synthesized:\n  ${problems.join("\n  ")}`);
}
