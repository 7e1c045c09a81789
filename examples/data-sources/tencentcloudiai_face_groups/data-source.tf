# The groups of the provider's region whose name starts with "audit-".
data "tencentcloudiai_face_groups" "audit" {
  name_prefix = "audit-"
}

# One data source per listed group: the list is read during plan, so for_each knows its keys.
data "tencentcloudiai_face_group" "audited" {
  for_each = toset(data.tencentcloudiai_face_groups.audit.group_ids)
  group_id = each.key
}

output "audit_tags" {
  value = { for id, g in data.tencentcloudiai_face_group.audited : id => g.tag }
}
