resource "tencentcloudiai_face_group" "employees" {
  group_id              = "TencentShenZhenEmployee"
  group_name            = "Tencent Shenzhen Employee Group"
  group_ex_descriptions = ["Business Group", "Department name", "Group name"]
  tag                   = "Excludes interns"
  removal_policy        = "retain" # the default: destroying the resource keeps the group
}
