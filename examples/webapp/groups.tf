resource "aws_iam_group" "developers" {
  name = "${var.app}-developers"
}

resource "aws_iam_group" "testers" {
  name = "${var.app}-testers"
}

resource "aws_iam_group" "operators" {
  name = "${var.app}-operators"
}

resource "aws_iam_user" "people" {
  for_each = local.user_arns

  name = each.key
}

resource "aws_iam_user_group_membership" "people" {
  for_each = local.user_arns

  user = aws_iam_user.people[each.key].name
  groups = concat(
    contains(var.developers, each.key) ? [aws_iam_group.developers.name] : [],
    contains(var.testers, each.key) ? [aws_iam_group.testers.name] : [],
    contains(var.operators, each.key) ? [aws_iam_group.operators.name] : [],
  )
}

# The group policies are attached only after the access rules in access.tf
# hold: when an input of an assertion is known only after apply, the
# assertion is checked during apply, before these resources.
resource "aws_iam_group_policy" "developers" {
  name   = "developer-access"
  group  = aws_iam_group.developers.name
  policy = data.aws_iam_policy_document.developer.json

  depends_on = [iamsim_assertion.developers_stay_out_of_production, iamsim_assertion.developers_work_on_dev]
}

resource "aws_iam_group_policy" "testers" {
  name   = "tester-access"
  group  = aws_iam_group.testers.name
  policy = data.aws_iam_policy_document.tester.json

  depends_on = [iamsim_assertion.testers_never_change_production]
}

resource "aws_iam_group_policy" "operators" {
  name   = "operator-access"
  group  = aws_iam_group.operators.name
  policy = data.aws_iam_policy_document.operator.json

  depends_on = [iamsim_assertion.nobody_deletes_production_buckets]
}
