# A group made elsewhere (the console, another stack): every field is known at plan time, and a group that does not
# exist fails the plan.
data "tencentcloudiai_face_group" "shared" {
  group_id = "TencentShenZhenEmployee"
  region   = "ap-guangzhou" # default: the provider's region
}

output "shared_group_name" {
  value = data.tencentcloudiai_face_group.shared.group_name
}
