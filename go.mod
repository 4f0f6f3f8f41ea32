module github.com/iamsim/terraform-provider-iamsim

go 1.25
