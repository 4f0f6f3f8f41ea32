#!/usr/bin/env bash
# Measures what iamsim_decision data sources add to `terraform plan`: a
# configuration with N data sources of 10 actions each (N=100 by default)
# against the same configuration without them. Target: at most 2 s more.
#
#   bench/provider-plan.sh [N] [RUNS]
#
# Uses dev_overrides (the configurations use no other provider, so no
# `terraform init` is needed) and hyperfine when it is installed, else a
# timing loop. Prints the median of each and the difference.
set -euo pipefail

n=${1:-100}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:-$(command -v terraform)}
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

mkdir -p "$tmp/bin" "$tmp/without" "$tmp/with"
(cd "$root" && go build -o "$tmp/bin/terraform-provider-iamsim" .)
cat > "$tmp/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "iamsim/iamsim" = "$tmp/bin"
  }
  direct {}
}
TFRC

# The shared part: policies as locals and a few terraform_data resources, so
# that both plans do real work.
common() {
  cat <<'HCL'
terraform {
  required_providers {
    iamsim = { source = "iamsim/iamsim" }
  }
}

locals {
  actions = [
    "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:PutObjectTagging",
    "s3:GetObjectAcl", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:RestoreObject", "s3:GetObjectVersion",
  ]
  identity = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "*" },
      { Sid = "WriteOwn", Effect = "Allow", Action = ["s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject"],
        Resource = "arn:aws:s3:::bench-*/$${aws:PrincipalTag/team}/*" },
      { Sid = "FromCorp", Effect = "Deny", Action = "s3:*", Resource = "*",
        Condition = { NotIpAddress = { "aws:SourceIp" = ["10.0.0.0/8", "192.0.2.0/24"] }, Bool = { "aws:ViaAWSService" = "false" } } },
      { Sid = "NoAcl", Effect = "Deny", Action = ["s3:PutObjectAcl", "s3:PutBucketAcl"], Resource = "*" },
    ]
  })
  boundary = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "logs:*"], Resource = "*" }]
  })
}

resource "terraform_data" "app" {
  count = 20
  input = "app-${count.index}"
}
HCL
}

common > "$tmp/without/main.tf"
{
  common
  for i in $(seq 1 "$n"); do
    cat <<HCL

data "iamsim_decision" "d$i" {
  principal_arn             = "arn:aws:iam::111122223333:role/app-$i"
  action_names              = local.actions
  resource_arns             = ["arn:aws:s3:::bench-$i/web/object-$i.txt"]
  identity_policies_json    = [local.identity]
  permissions_boundary_json = local.boundary
  principal_tags            = { team = "web" }
  context {
    key    = "aws:SourceIp"
    type   = "ip"
    values = ["10.1.2.$((i % 250))"]
  }
}
HCL
  done
} > "$tmp/with/main.tf"

export TF_CLI_CONFIG_FILE="$tmp/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
plan() { (cd "$1" && "$terraform" plan -input=false -refresh=false -lock=false -no-color >/dev/null 2>&1); }

# Warm up (and make sure both plans succeed).
plan "$tmp/without" || { echo "plan without data sources failed" >&2; (cd "$tmp/without" && "$terraform" plan -no-color) >&2; exit 1; }
plan "$tmp/with" || { echo "plan with data sources failed" >&2; (cd "$tmp/with" && "$terraform" plan -no-color 2>&1 | tail -30) >&2; exit 1; }

echo "terraform: $("$terraform" version | head -n 1); $n iamsim_decision data sources x 10 actions; $runs runs each"
if command -v hyperfine >/dev/null 2>&1; then
  export -f plan
  export terraform
  hyperfine --warmup 1 --runs "$runs" -N \
    "bash -c 'plan $tmp/without'" "bash -c 'plan $tmp/with'"
  exit 0
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {
  local dir=$1 i start end
  for i in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    plan "$dir"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
  done
}
without=$(measure "$tmp/without" | median)
with=$(measure "$tmp/with" | median)
printf 'without data sources: %.3f s (median)\n' "$without"
printf 'with data sources:    %.3f s (median)\n' "$with"
printf 'difference:           %.3f s (target: at most 2 s)\n' "$(echo "$with - $without" | bc -l)"
