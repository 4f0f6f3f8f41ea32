package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Golden outputs of check and diff on every corpus plan with IAM content,
// the real fixtures and the shipped demo; query on chosen questions.
// Regenerate with `go test ./internal/planscan -run Golden -update` and
// review the diff: verifiedByHand below says what was checked against the
// plans when the files were accepted.

// verifiedByHand lists the goldens whose every line was checked against
// the plan by hand (see the comments in goldenQueries and the report).
var verifiedByHand = map[string]string{
	"fixture_cross_account.check.txt":                    "ECR policy without Resource reported invalid (GR-4, validator); eight grants to 444455556666, which is in no ARN of the plan: unknown-account warnings",
	"fixture_updates_deletes.diff.md":                    "aws_iam_role.app loses ReadOnlyAccess-level reads (attachment deleted); checked against prior-state.json",
	"demo_pr-gate.check.txt":                             "deployer: PassRole * + lambda:CreateFunction * (policy deploy); PublicRead statement with Principal *; asserts follow from web_read and no s3 write grant; only \"asset readers\": PublicRead (Principal *) lets anonymous (EV-16) and, same account, the deployer (STAR, EV-8) read any object",
	"demo_pr-gate.diff.md":                               "deployer gains iam:PassRole on * and the two roles, lambda Create/UpdateFunctionCode on *; web gains s3 GetObject/ListBucket on the bucket",
	"fixture_boundaries.query.json":                      "see goldenQueries",
	"fixture_cross_account.query.json":                   "see goldenQueries",
	"fixture_escalation_cfn_passrole.check.txt":          "ci passes cfn-admin (AdministratorAccess, trusts CloudFormation) with iam:PassedToService=cloudformation and CreateStack on stack/payments-*/*: one escalation path; ci_wrong_service (PassedToService lambda), ci_untrusted (ec2-admin does not trust CloudFormation), ci_weak (cfn-readonly is ReadOnlyAccess) have none",
	"fixture_escalation_access_keys.check.txt":           "helpdesk (CreateAccessKey on admin-*) reaches admin_one (one key) but not admin_full (two keys, no DeleteAccessKey); rotator (Create and DeleteAccessKey on user/*) reaches both; no principal-level credentials finding (users of the plan are left to the escalation graph)",
	"fixture_escalation_self_policy.check.txt":           "selfadmin and selfwriter may write their own inline policy (PutUserPolicy on their own ARN): privilege-escalation each; selfwriter's boundary then caps it to s3 (see the who-can goldens)",
	"fixture_escalation_two_hop.check.txt":               "dev -> assume deployer -> lambda-create-invoke -> lambda-admin (2 steps); auditor the same when aws:MultiFactorAuthPresent = true; deployer itself 1 step; intern (ReadOnlyAccess) nothing",
	"fixture_escalation_self.check.txt":                  "one finding per _yes principal of the nine self techniques (privilege-escalation for policy changes on itself, escalation-path add-user-to-group to t-admins); no _near_ principal (unsatisfiable condition, Deny, boundary, a group with no policy)",
	"fixture_escalation_other_principal.check.txt":       "_yes users reach t-admin (create-access-key, create/update-login-profile), t-admin-role (update-assume-role-policy) or t-assumable-admin (assume-chain); near misses silent except create_login_profile_near_weak: the legacy credentials-of-other-users finding reports a login profile for t-weak (no policy), a known wrong answer (escalation_fixtures_test.go)",
	"fixture_escalation_passrole.check.txt":              "one 1-step escalation-path per PassRole technique (19 _yes users, each to t-admin of its service); chain_yes reaches t-admin-lambda in 3 steps (assume-role, assume-role, lambda-create-invoke); chain_hop, chain_hop_strict and chain_deployer (roles) on the way; no _near_ user",
	"fixture_escalation_existing_compute.check.txt":      "the six _yes users reach the role of the admin function, dev endpoint or instance profile (instance outside the plan); no _near_ user; ssm_send_command_yes has no edge to t-run-admin-web (aws_instance.web, ARN unknown at plan time): a known missing unknown (escalation_fixtures_test.go)",
	"fixture_escalation_self.near.check.txt":             "every near miss is denied its own policy change over every context (contradictory aws:SourceIp, aws:PrincipalType of another caller kind, Deny, read-only boundary), and the weak user cannot join t-admins",
	"fixture_escalation_other_principal.near.check.txt":  "the near misses cannot get t-admin's credentials or take over t-admin-role over every context",
	"fixture_escalation_passrole.near.check.txt":         "no near miss may pass its service's t-admin role with iam:PassedToService = that service; the near_deny users are denied the technique's first action; chain_near_trust cannot assume t-chain-hop-strict",
	"fixture_escalation_existing_compute.near.check.txt": "each near miss is denied the technique's action on the admin function, an instance, or the admin dev endpoint over every context",
	"fixture_org_shared.check.txt":                       "only any-org (StringLike aws:PrincipalOrgID o-*) is public; the o-a1b2c3d4e5 bucket and role trust are shared with the organization, not public: two shared-access notes naming organization o-a1b2c3d4e5 (issue 9)",
	"fixture_org_shared.diff.txt":                        "organization gains ListBucket/GetObject on org-shared and AssumeRole on org-reader when aws:PrincipalOrgID = o-a1b2c3d4e5; any AWS account gains GetObject on any-org when like o-*",
	"fixture_vpce_restricted.check.txt":                  "only inverted (StringNotEquals aws:SourceVpce) is public; internal is reachable only through vpce-0a1b2c3d4e5f60718 (its Deny holds otherwise), not public: a shared-access note naming VPC endpoint vpce-0a1b2c3d4e5f60718 (issue 9)",
	"fixture_vpce_restricted.diff.txt":                   "anonymous and any AWS account gain GetObject on internal when aws:SourceVpce = the endpoint, on inverted when it is absent or another endpoint",
	"fixture_eks_irsa.check.txt":                         "irsa-open pins only :aud: public (every service account of the cluster); irsa-api (one service account) and irsa-payments (namespace payments) are shared-access notes with their :sub (issue 9)",
	"fixture_cognito_identity.check.txt":                 "cognito-open names no pool: public (any pool); cognito-guest pins :aud but not :amr: public (guest identities); cognito-auth pins both: a shared-access note (issue 9)",
	"fixture_cognito_identity.diff.txt":                  "federated:cognito-identity.amazonaws.com gains AssumeRoleWithWebIdentity on the three roles, with their :aud/:amr conditions (PR-9)",
	"fixture_ou_shared.diff.txt":                         "rows ou:.../ou-ab12-11111111/ (GetObject for every context: the bucket's path pattern covers the OU) and ou:.../ou-ab12-22222222/ (AssumeRole only for paths equal to the OU's: accounts directly in it); organization gains both under those paths (issue 9, CTX-9)",
	"fixture_ou_shared.check.txt":                        "two shared-access notes naming the organizational units; nothing public",
	"fixture_principal_tags.check.txt":                   "payments-reader (team=payments, no TagSession) allowed for every context; payments-session (trust allows sts:TagSession) only possible; alice (team=analytics) denied; build-reader unknown on its tags_all (issue 9, CTX-1)",
	"fixture_principal_tags.diff.txt":                    "no change listed: the diff asks one request with condition keys absent, principal tags included (left for the matrix)",
	"fixture_kms_grants_tags.check.txt":                  "grants: batch Encrypt/GenerateDataKey allowed, Decrypt denied, app Decrypt only possible (encryption_context_equals); tags: orders (team=payments) allowed, audit (team=security) denied, the reports bucket unknown (S3 ABAC status); the grant to 444455556666 is shared-access and unknown-account, like a key-policy statement (issue 8)",
	"fixture_kms_grants_tags.diff.txt":                   "batch gains Encrypt/GenerateDataKey and auditor RetireGrant through grants; app gains GetItem/Query on orders only (not audit), s3:GetObject unknown on the ABAC status; app gains kms:Decrypt only when kms:EncryptionContext:app = billing (encryption_context_equals; the diff reads plan principals over every context) (issue 8)",
	"fixture_deferred_documents.check.txt":               "writer's two policies are deferred documents: possibly admin (unknown); the logs bucket policy is deferred too: possibly public (unknown); nothing definite",
}

type goldenCase struct {
	name, plan, account string
	config              string
}

func goldenCases(t *testing.T) []goldenCase {
	var out []goldenCase
	corpus, _ := filepath.Glob(testkit.Path("corpus", "*.json"))
	for _, p := range corpus {
		base := strings.TrimSuffix(filepath.Base(p), ".json")
		out = append(out, goldenCase{name: "corpus_" + base, plan: p})
	}
	fixtures, _ := filepath.Glob(testkit.Path("fixtures", "*", "plan.json"))
	for _, p := range fixtures {
		gc := goldenCase{name: "fixture_" + filepath.Base(filepath.Dir(p)), plan: p, account: "111122223333"}
		if cfg := filepath.Join(filepath.Dir(p), "planscan.hcl"); fileExists(cfg) {
			gc.config = cfg // the fixture's own gate
		}
		out = append(out, gc)
	}
	demo := filepath.Join("..", "..", "..", "examples", "plans", "pr-gate")
	out = append(out, goldenCase{name: "demo_pr-gate", plan: filepath.Join(demo, "plan.json"), account: "111122223333", config: filepath.Join(demo, "planscan.hcl")})
	return out
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func analyzeFile(t testing.TB, path, account string) *analysis.Analysis {
	t.Helper()
	plan, err := tfplan.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(plan, analysis.AnalyzeOptions{AccountID: account})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// hasIAM: the plan has principals or resource policies on a side.
func hasIAM(a *analysis.Analysis) bool {
	for _, s := range []*analysis.SideAnalysis{a.Before, a.After} {
		if len(s.Model.Principals()) > 0 || len(s.Model.ResourcePolicies) > 0 {
			return true
		}
	}
	return false
}

func TestCheckAndDiffGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := analyzeFile(t, c.plan, c.account)
			if !hasIAM(a) {
				t.Skip("no IAM content")
			}
			var cfg *analysis.Config
			if c.config != "" {
				var err error
				if cfg, err = analysis.LoadConfig(c.config); err != nil {
					t.Fatal(err)
				}
				cfg.File = "planscan.hcl"
			}
			rep, err := a.Check(analysis.CheckOptions{Config: cfg, Plan: "plan.json"})
			if err != nil {
				t.Fatal(err)
			}
			render := func(f func(*bytes.Buffer) error) string {
				var b bytes.Buffer
				if err := f(&b); err != nil {
					t.Fatal(err)
				}
				// config positions name the file as given; keep goldens stable
				return strings.ReplaceAll(b.String(), filepath.ToSlash(filepath.Dir(c.config))+"/", "")
			}
			o := ReportOptions{Plan: "plan.json", Version: "test", ExitCode: exitCodeOf(rep.Summary.Verdict)}
			testkit.Golden(t, testkit.Path("golden", c.name+".check.txt"), render(func(b *bytes.Buffer) error { return WriteCheck(b, rep, "text", o) }))
			d := a.Diff()
			testkit.Golden(t, testkit.Path("golden", c.name+".diff.md"), render(func(b *bytes.Buffer) error { return WriteDiff(b, d, "markdown", o) }))
			if strings.HasPrefix(c.name, "fixture_") || strings.HasPrefix(c.name, "demo_") {
				testkit.Golden(t, testkit.Path("golden", c.name+".check.json"), render(func(b *bytes.Buffer) error { return WriteCheck(b, rep, "json", o) }))
				testkit.Golden(t, testkit.Path("golden", c.name+".diff.txt"), render(func(b *bytes.Buffer) error { return WriteDiff(b, d, "text", o) }))
			}
			if strings.HasPrefix(c.name, "demo_") || c.name == "fixture_cross_account" {
				testkit.Golden(t, testkit.Path("golden", c.name+".check.sarif"), render(func(b *bytes.Buffer) error { return WriteCheck(b, rep, "sarif", o) }))
				testkit.Golden(t, testkit.Path("golden", c.name+".check.xml"), render(func(b *bytes.Buffer) error { return WriteCheck(b, rep, "junit", o) }))
				testkit.Golden(t, testkit.Path("golden", c.name+".check.gitlab.json"), render(func(b *bytes.Buffer) error { return WriteCheck(b, rep, "gitlab", o) }))
				testkit.Golden(t, testkit.Path("golden", c.name+".check.github.txt"), render(func(b *bytes.Buffer) error { return WriteCheck(b, rep, "github", o) }))
			}
		})
	}
}

// goldenQueries are query questions whose answers were checked by hand:
//
//   - boundaries: aws_iam_role.dev's boundary allows s3/logs/sqs only, so
//     iam:CreateUser is implicitDeny even if the identity policy allows it
//     (EV-12); s3:GetObject on the data bucket is allowed.
//   - cross_account: the partner's deployer role (outside the plan, its
//     identity policies unknown) is named by the bucket policy: unknown
//     (PT-5); after only (the bucket is created, before it is absent).
var goldenQueries = []struct {
	fixture   string
	principal string
	actions   []string
	resources []string
	state     string
}{
	{"boundaries", "aws_iam_role.dev", []string{"s3:GetObject", "iam:CreateUser"}, []string{"*"}, "after"},
	{"cross_account", "arn:aws:iam::444455556666:role/deployer", []string{"s3:GetObject"}, []string{"${aws_s3_bucket.shared.arn}/x"}, "both"},
}

func TestQueryGolden(t *testing.T) {
	for _, q := range goldenQueries {
		t.Run(q.fixture, func(t *testing.T) {
			t.Parallel()
			a := analyzeFile(t, testkit.FixturePlan(q.fixture), "111122223333")
			sides, err := a.Sides(q.state)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, act := range q.actions {
				for _, r := range q.resources {
					for _, s := range sides {
						sub, err := s.Subject(q.principal)
						if err != nil {
							t.Fatal(err)
						}
						tg, err := s.Target(r)
						if err != nil {
							t.Fatal(err)
						}
						ans := s.Decide(sub, act, tg, ParseContextMust(t))
						js := ans.JSON()
						line, _ := jsonLine(js)
						b.WriteString(line)
					}
				}
			}
			testkit.Golden(t, testkit.Path("golden", "fixture_"+q.fixture+".query.json"), b.String())
		})
	}
}

func TestGoldensListedAsVerifiedExist(t *testing.T) {
	t.Parallel()
	for name := range verifiedByHand {
		if _, err := os.Stat(testkit.Path("golden", name)); err != nil && !*testkit.Update {
			t.Errorf("verified golden %s: %v", name, err)
		}
	}
}

// goldenAnyContext are questions over every context (issue 9), checked by
// hand against the fixtures' HCL:
//
//   - mfa_assume_chain: alice may assume ops-admin only with
//     aws:MultiFactorAuthPresent = true (the trust names the account root
//     with Bool MFA; PowerUserAccess allows sts:AssumeRole): conditional.
//   - source_ip_open: anonymous reads of the open bucket need only an
//     address in 0.0.0.0/0 or 198.51.100.0/24 (every IPv4 caller), of the
//     office bucket an address in 198.51.100.0/24: both conditional.
//   - principal_arn_wildcard_account: a reporting role of another account
//     reads the reports bucket (ArnLike arn:aws:iam::*:role/reporting-*,
//     aws:PrincipalArn fixed by the caller): allowed for every context,
//     except that its own identity policies are outside the plan: unknown;
//     ListBucket names only the own account's roles: never.
var goldenAnyContext = []struct {
	fixture, principal, action, resource string
}{
	{"mfa_assume_chain", "aws_iam_user.alice", "sts:AssumeRole", "${aws_iam_role.ops_admin.arn}"},
	{"source_ip_open", "anonymous", "s3:GetObject", "arn:aws:s3:::ip-open-111122223333/x"},
	{"source_ip_open", "anonymous", "s3:GetObject", "arn:aws:s3:::ip-office-111122223333/x"},
	{"principal_arn_wildcard_account", "arn:aws:iam::999988887777:role/reporting-eu", "s3:GetObject", "arn:aws:s3:::reports-111122223333/q1.csv"},
	{"principal_arn_wildcard_account", "arn:aws:iam::999988887777:role/reporting-eu", "s3:ListBucket", "arn:aws:s3:::reports-111122223333"},
}

func TestQueryAnyContextGolden(t *testing.T) {
	t.Parallel()
	out := map[string]*bytes.Buffer{}
	var order []string
	for _, q := range goldenAnyContext {
		a := analyzeFile(t, testkit.FixturePlan(q.fixture), "111122223333")
		s := a.After
		sub, err := s.Subject(q.principal)
		if err != nil {
			t.Fatal(err)
		}
		tg, err := s.Target(q.resource)
		if err != nil {
			t.Fatal(err)
		}
		qa := s.DecideAnyContext(sub, q.action, tg, ParseContextMust(t))
		line, _ := jsonLine(qa.JSON())
		if out[q.fixture] == nil {
			out[q.fixture] = &bytes.Buffer{}
			order = append(order, q.fixture)
		}
		out[q.fixture].WriteString(line)
	}
	for _, f := range order {
		testkit.Golden(t, testkit.Path("golden", "fixture_"+f+".anycontext.json"), out[f].String())
	}
}
