/**
 * What the data source constructs (FaceGroupReference, FaceGroupList) share: the synth-time check of their literal
 * values and the HCL rendering of a string attribute. Internal: not exported from the package.
 */
import { IConstruct } from "constructs";
import { checkDeclaredProps } from "./validation";

/** `{ value, … }` as cdktf's HCL renderer wants one string attribute. */
export function hclString(value: unknown): Record<string, unknown> {
  return { value, isBlock: false, type: "simple", storageClassType: "string" };
}

/**
 * Throws, naming the construct, when a literal value breaks a documented rule (tokens are the provider's to check at
 * plan): a wrong reference would otherwise only fail at plan time.
 */
export function assertValidReference(construct: IConstruct, what: string, values: Parameters<typeof checkDeclaredProps>[0]): void {
  const problems = checkDeclaredProps(values, construct.node.path);
  if (problems.length > 0) throw new Error(`Invalid ${what}; nothing was synthesized:\n  ${problems.join("\n  ")}`);
}
