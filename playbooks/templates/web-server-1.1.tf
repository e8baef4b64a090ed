# Web server 1.1: 1.0 with a data disk for the site content (its size a new variable).
variable "instance_type" {
  type        = string
  default     = "ecs.g7.large"
  description = "The ECS instance type."
}

variable "vswitch_id" {
  type        = string
  description = "The vSwitch the instance is placed in."
}

variable "data_disk_size" {
  type        = number
  default     = 40
  description = "The size of the data disk, in GiB."
}

data "alicloud_vswitches" "chosen" {
  ids = [var.vswitch_id]
}

data "alicloud_images" "os" {
  name_regex = "^aliyun_3_x64"
  owners     = "system"
}

resource "alicloud_security_group" "web" {
  name   = "web-server"
  vpc_id = data.alicloud_vswitches.chosen.vswitches[0].vpc_id
}

resource "alicloud_instance" "web" {
  instance_name   = "web-server"
  instance_type   = var.instance_type
  image_id        = data.alicloud_images.os.images[0].id
  vswitch_id      = var.vswitch_id
  security_groups = [alicloud_security_group.web.id]

  data_disks {
    category = "cloud_essd"
    size     = var.data_disk_size
  }
}

output "instance_id" {
  value = alicloud_instance.web.id
}

output "private_ip" {
  value = alicloud_instance.web.private_ip
}
