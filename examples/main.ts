/**
 * The example stack `npm start` deploys to the embedded emulator: three face groups of a company.
 * In your own app, import from "cdktf-tencentcloud-face-groups" instead of "../src".
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { FaceGroup, RemovalPolicy } from "../src";

/** A stack with the face groups of the Shenzhen office. */
export class FaceGroupsExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const employees = new FaceGroup(this, "Employees", {
      groupId: "TencentShenZhenEmployee",
      groupName: "Tencent Shenzhen Employee Group",
      groupExDescriptions: ["Business Group", "Department name", "Group name"],
      tag: "Excludes interns",
    });

    new FaceGroup(this, "Interns", {
      groupId: "TencentShenZhenIntern",
      groupName: "深圳实习生",
      groupExDescriptions: ["学号"],
      tag: "2026 summer",
      faceModelVersion: "3.0",
    });

    new FaceGroup(this, "Visitors", {
      groupId: "TencentShenZhenVisitor",
      groupName: "Visitors (kept 30 days)",
      removalPolicy: RemovalPolicy.DESTROY, // visitors' faces are disposable: `cdktf destroy` deletes this group
    });

    new TerraformOutput(this, "employees_group_id", { value: employees.groupId });
    // The resource holds what the code decides; the creation time is read by a reference, after the group exists.
    const employeesLive = FaceGroup.fromGroupId(this, "EmployeesLive", employees.groupId, { dependsOn: [employees] });
    new TerraformOutput(this, "employees_created_at", { value: employeesLive.creationTimestamp });
  }
}

const app = new App();
new FaceGroupsExampleStack(app, "face-groups-example");
app.synth();
