# Web server 1.0: one ECS instance in a vSwitch, behind its own security group.
variable "instance_type" {
  type        = string
  default     = "ecs.g7.large"
  description = "The ECS instance type."
}

variable "vswitch_id" {
  type        = string
  description = "The vSwitch the instance is placed in."
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
}

output "instance_id" {
  value = alicloud_instance.web.id
}

output "private_ip" {
  value = alicloud_instance.web.private_ip
}
