# Shared by make-fixtures.sh and make-fixtures-apply.sh (sourced): finds the
# terraform CLI and the local filesystem mirror of hashicorp/aws 5.100.0,
# and writes a CLI configuration that installs the provider from it.
#
# fixtures_setup NAME WORKDIR: sets cli and mirror, writes WORKDIR/mirror.tfrc
# and exports TF_CLI_CONFIG_FILE; returns 1 (after saying why on stderr)
# when terraform or the mirror is missing. Environment: TERRAFORM=<cli>
# (else terraform, then tofu); TF_MIRROR=<folder holding
# registry.terraform.io/> (else found under /opt, /usr/share, ~/.terraform.d).

fixtures_setup() {
  local name=$1 work=$2
  cli=${TERRAFORM:-}
  if [ -z "$cli" ]; then
    cli=$(command -v terraform || command -v tofu || true)
  fi
  if [ -z "$cli" ]; then
    echo "$name: no terraform or tofu on PATH; skipping" >&2
    return 1
  fi
  cli=$(command -v "$cli")
  mirror=${TF_MIRROR:-}
  if [ -z "$mirror" ]; then
    local base hit
    for base in /opt /usr/share /usr/local/share "$HOME/.terraform.d" "$HOME/.local/share"; do
      [ -d "$base" ] || continue
      hit=$(find "$base" -maxdepth 8 -path '*registry.terraform.io/hashicorp/aws/5.100.0/*' -name 'terraform-provider-aws_*' -print -quit 2>/dev/null || true)
      if [ -n "$hit" ]; then
        mirror=${hit%%/registry.terraform.io/*}
        break
      fi
    done
  fi
  if [ -z "$mirror" ] || [ ! -d "$mirror/registry.terraform.io/hashicorp/aws" ]; then
    echo "$name: no local mirror of registry.terraform.io/hashicorp/aws 5.100.0 found (set TF_MIRROR); skipping" >&2
    return 1
  fi
  cat > "$work/mirror.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
  export TF_CLI_CONFIG_FILE="$work/mirror.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
  export TF_PLUGIN_CACHE_DIR=""
}

# moto_override DIR ENDPOINT writes DIR/moto_override.tf: every aws provider
# configuration of DIR/*.tf (the default one and each alias) sends the AWS
# APIs the fixtures use to ENDPOINT (Moto), with path-style S3. Aliased
# configurations are found by their `alias = "NAME"` lines.
moto_override() {
  local dir=$1 ep=$2 alias
  : > "$dir/moto_override.tf"
  for alias in "" $(sed -n 's/^[[:space:]]*alias[[:space:]]*=[[:space:]]*"\([A-Za-z0-9_-]*\)".*/\1/p' "$dir"/*.tf | sort -u); do
    {
      echo 'provider "aws" {'
      [ -n "$alias" ] && echo "  alias = \"$alias\""
      cat <<TF
  s3_use_path_style = true
  endpoints {
    iam            = "$ep"
    sts            = "$ep"
    s3             = "$ep"
    kms            = "$ep"
    sqs            = "$ep"
    sns            = "$ep"
    dynamodb       = "$ep"
    lambda         = "$ep"
    organizations  = "$ep"
    ecr            = "$ep"
    secretsmanager = "$ep"
  }
}
TF
    } >> "$dir/moto_override.tf"
  done
}
