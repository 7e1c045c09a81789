# Three face groups in plain Terraform. Before `terraform init`, install the provider into this folder:
#   npx face-groups provider install
# Credentials come from the environment (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY), never from this file.

terraform {
  required_providers {
    tencentcloudiai = {
      source  = "face-groups.invalid/cdktf-tencentcloud-face-groups/tencentcloudiai"
      version = "~> 0.1.0"
    }
  }
}

variable "iai_endpoint" {
  description = "IAI API base URL, e.g. an emulator's http://127.0.0.1:PORT. Default (null): env TENCENTCLOUD_IAI_ENDPOINT, else https://iai.tencentcloudapi.com."
  type        = string
  default     = null
}

provider "tencentcloudiai" {
  endpoint = var.iai_endpoint
}

resource "tencentcloudiai_face_group" "employees" {
  group_id              = "ShenZhenEmployee"
  group_name            = "Shenzhen Employee Group"
  group_ex_descriptions = ["Business Group", "Department name"]
  tag                   = "Excludes interns"
}

resource "tencentcloudiai_face_group" "interns" {
  group_id   = "ShenZhenIntern"
  group_name = "深圳实习生"
  tag        = "2026 summer"
}

resource "tencentcloudiai_face_group" "visitors" {
  group_id       = "ShenZhenVisitor"
  group_name     = "Visitors (kept 30 days)"
  removal_policy = "destroy" # `terraform destroy` deletes this group; the other two are kept (the default, "retain")
}

# The resource holds what the configuration decides; the creation time is read by the data source, after the group exists.
data "tencentcloudiai_face_group" "employees" {
  group_id   = tencentcloudiai_face_group.employees.group_id
  depends_on = [tencentcloudiai_face_group.employees]
}

output "employees_created_at" {
  value = data.tencentcloudiai_face_group.employees.creation_timestamp
}
