# <region>/<group_id>, or just <group_id> in the provider's region
terraform import tencentcloudiai_face_group.employees ap-guangzhou/TencentShenZhenEmployee
