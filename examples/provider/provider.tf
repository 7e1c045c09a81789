# Credentials come from the environment (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY), never from this file.
# Install the provider into the working directory first: npx face-groups provider install
terraform {
  required_providers {
    tencentcloudiai = {
      source  = "face-groups.invalid/cdktf-tencentcloud-face-groups/tencentcloudiai"
      version = "~> 0.1.0"
    }
  }
}

provider "tencentcloudiai" {
  region = "ap-guangzhou"
  qps    = 20 # leave room for other tools sharing the account's 50 calls per second
}
