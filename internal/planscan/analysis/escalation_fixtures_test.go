package analysis

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// The catalog against genuine plans (issue 10): every technique of
// EscalationCatalog names a principal of a fixture (testdata/fixtures/
// escalation_*, real plans of the AWS provider 5.100.0) that escalates by it
// to an admin-equivalent node, and a near miss that must not be reported;
// or says why it has no fixture. The fixtures' HCL says what each near miss
// lacks.

// escalationFixtureCase is one technique's proof.
type escalationFixtureCase struct {
	fixture string
	// yes escalates by the technique (an edge of the technique to an
	// admin-equivalent node, a definite path, a failing check result).
	yes string
	// near has no escalation path and no escalation finding.
	near string
	// why the technique has no fixture (then fixture is empty).
	why string
}

func fixtureUser(key string) string { return `aws_iam_user.t["` + key + `"]` }
func fixtureRole(key string) string { return `aws_iam_role.t["` + key + `"]` }

var escalationFixtureCases = map[string]escalationFixtureCase{
	// a new resource runs as a passed role: escalation_passrole
	"lambda-create-invoke":        {fixture: "escalation_passrole", yes: fixtureUser("lambda_create_invoke_yes"), near: fixtureUser("lambda_create_invoke_near_trust")},
	"lambda-create-permission":    {fixture: "escalation_passrole", yes: fixtureUser("lambda_create_permission_yes"), near: fixtureUser("lambda_create_permission_near_weak")},
	"lambda-create-event-source":  {fixture: "escalation_passrole", yes: fixtureUser("lambda_create_event_source_yes"), near: fixtureUser("lambda_create_event_source_near_service")},
	"ec2-run-instances":           {fixture: "escalation_passrole", yes: fixtureUser("ec2_run_instances_yes"), near: fixtureUser("ec2_run_instances_near_trust")},
	"ec2-launch-template":         {fixture: "escalation_passrole", yes: fixtureUser("ec2_launch_template_yes"), near: fixtureUser("ec2_launch_template_near_deny")},
	"ecs-task":                    {fixture: "escalation_passrole", yes: fixtureUser("ecs_task_yes"), near: fixtureUser("ecs_task_near_weak")},
	"batch-job":                   {fixture: "escalation_passrole", yes: fixtureUser("batch_job_yes"), near: fixtureUser("batch_job_near_cond")},
	"codebuild-project":           {fixture: "escalation_passrole", yes: fixtureUser("codebuild_project_yes"), near: fixtureUser("codebuild_project_near_trust")},
	"sagemaker-notebook":          {fixture: "escalation_passrole", yes: fixtureUser("sagemaker_notebook_yes"), near: fixtureUser("sagemaker_notebook_near_weak")},
	"sagemaker-training-job":      {fixture: "escalation_passrole", yes: fixtureUser("sagemaker_training_job_yes"), near: fixtureUser("sagemaker_training_job_near_service")},
	"sagemaker-processing-job":    {fixture: "escalation_passrole", yes: fixtureUser("sagemaker_processing_job_yes"), near: fixtureUser("sagemaker_processing_job_near_deny")},
	"glue-job":                    {fixture: "escalation_passrole", yes: fixtureUser("glue_job_yes"), near: fixtureUser("glue_job_near_trust")},
	"glue-dev-endpoint":           {fixture: "escalation_passrole", yes: fixtureUser("glue_dev_endpoint_yes"), near: fixtureUser("glue_dev_endpoint_near_weak")},
	"cloudformation-stack":        {fixture: "escalation_passrole", yes: fixtureUser("cloudformation_stack_yes"), near: fixtureUser("cloudformation_stack_near_cond")},
	"cloudformation-update-stack": {fixture: "escalation_passrole", yes: fixtureUser("cloudformation_update_stack_yes"), near: fixtureUser("cloudformation_update_stack_near_trust")},
	"cloudformation-change-set":   {fixture: "escalation_passrole", yes: fixtureUser("cloudformation_change_set_yes"), near: fixtureUser("cloudformation_change_set_near_deny")},
	"cloudformation-stack-set":    {fixture: "escalation_passrole", yes: fixtureUser("cloudformation_stack_set_yes"), near: fixtureUser("cloudformation_stack_set_near_weak")},
	"apprunner-service":           {fixture: "escalation_passrole", yes: fixtureUser("apprunner_service_yes"), near: fixtureUser("apprunner_service_near_trust")},
	"datapipeline":                {fixture: "escalation_passrole", yes: fixtureUser("datapipeline_yes"), near: fixtureUser("datapipeline_near_service")},

	// an existing resource runs as a role: escalation_existing_compute
	"lambda-update-code":       {fixture: "escalation_existing_compute", yes: fixtureUser("lambda_update_code_yes"), near: fixtureUser("lambda_update_code_near_weak")},
	"ec2-user-data":            {fixture: "escalation_existing_compute", yes: fixtureUser("ec2_user_data_yes"), near: fixtureUser("ec2_user_data_near_cond")},
	"ssm-send-command":         {fixture: "escalation_existing_compute", yes: fixtureUser("ssm_send_command_yes"), near: fixtureUser("ssm_send_command_near_deny")},
	"ssm-start-session":        {fixture: "escalation_existing_compute", yes: fixtureUser("ssm_start_session_yes"), near: fixtureUser("ssm_start_session_near_cond")},
	"ec2-instance-connect":     {fixture: "escalation_existing_compute", yes: fixtureUser("ec2_instance_connect_yes"), near: fixtureUser("ec2_instance_connect_near_deny")},
	"glue-update-dev-endpoint": {fixture: "escalation_existing_compute", yes: fixtureUser("glue_update_dev_endpoint_yes"), near: fixtureUser("glue_update_dev_endpoint_near_cond")},

	// the caller changes its own policies, or joins a group: escalation_self
	"create-policy-version":      {fixture: "escalation_self", yes: fixtureUser("create_policy_version_yes"), near: fixtureUser("create_policy_version_near_cond")},
	"set-default-policy-version": {fixture: "escalation_self", yes: fixtureUser("set_default_policy_version_yes"), near: fixtureUser("set_default_policy_version_near_deny")},
	"attach-user-policy":         {fixture: "escalation_self", yes: fixtureUser("attach_user_policy_yes"), near: fixtureUser("attach_user_policy_near_cond")},
	"attach-group-policy":        {fixture: "escalation_self", yes: fixtureUser("attach_group_policy_yes"), near: fixtureUser("attach_group_policy_near_boundary")},
	"attach-role-policy":         {fixture: "escalation_self", yes: fixtureRole("attach_role_policy_yes"), near: fixtureRole("attach_role_policy_near_cond")},
	"put-user-policy":            {fixture: "escalation_self", yes: fixtureUser("put_user_policy_yes"), near: fixtureUser("put_user_policy_near_deny")},
	"put-group-policy":           {fixture: "escalation_self", yes: fixtureUser("put_group_policy_yes"), near: fixtureUser("put_group_policy_near_cond")},
	"put-role-policy":            {fixture: "escalation_self", yes: fixtureRole("put_role_policy_yes"), near: fixtureRole("put_role_policy_near_deny")},
	"add-user-to-group":          {fixture: "escalation_self", yes: fixtureUser("add_user_to_group_yes"), near: fixtureUser("add_user_to_group_near_weak")},

	// the caller becomes another principal: escalation_other_principal
	"create-access-key":         {fixture: "escalation_other_principal", yes: fixtureUser("create_access_key_yes"), near: fixtureUser("create_access_key_near_cond")},
	"create-login-profile":      {fixture: "escalation_other_principal", yes: fixtureUser("create_login_profile_yes"), near: fixtureUser("create_login_profile_near_weak")},
	"update-login-profile":      {fixture: "escalation_other_principal", yes: fixtureUser("update_login_profile_yes"), near: fixtureUser("update_login_profile_near_deny")},
	"update-assume-role-policy": {fixture: "escalation_other_principal", yes: fixtureUser("update_assume_role_policy_yes"), near: fixtureUser("update_assume_role_policy_near_cond")},
	"assume-role":               {fixture: "escalation_other_principal", yes: fixtureUser("assume_role_yes"), near: fixtureUser("assume_role_near_trust")},
}

// escalationFindingRules are the check results that report an escalation.
var escalationFindingRules = []string{"escalation-path", "privilege-escalation", "assume-chain"}

// escalationFixture is one fixture analysed once: the after side's graph and
// the built-in findings.
type escalationFixture struct {
	graph   *EscalationGraph
	results []CheckResult
	err     error
}

var (
	escalationFixturesMu sync.Mutex
	escalationFixtures   = map[string]*escalationFixture{}
)

func loadEscalationFixture(t *testing.T, name string) *escalationFixture {
	t.Helper()
	escalationFixturesMu.Lock()
	defer escalationFixturesMu.Unlock()
	f, ok := escalationFixtures[name]
	if !ok {
		f = &escalationFixture{}
		escalationFixtures[name] = f
		plan, err := tfplan.Load(testkit.FixturePlan(name))
		var a *Analysis
		if err == nil {
			a, err = Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
		}
		var rep *CheckReport
		if err == nil {
			rep, err = a.Check(CheckOptions{Plan: "plan.json"})
		}
		if err == nil {
			f.graph, f.results = a.escalationGraph(1), rep.Results
		}
		f.err = err
	}
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f
}

// pathFrom is the first path of the principal, nil when it has none.
func (f *escalationFixture) pathFrom(principal string) *EscalationPath {
	for i := range f.graph.Paths {
		if f.graph.Paths[i].Principal == principal {
			return &f.graph.Paths[i]
		}
	}
	return nil
}

// findings are the escalation check results of the principal that are
// not passing.
func (f *escalationFixture) findings(principal string) []string {
	var out []string
	for _, r := range f.results {
		if r.Principal == principal && slices.Contains(escalationFindingRules, r.Rule) && r.Status != StatusPass {
			out = append(out, string(r.Status)+" "+r.Name)
		}
	}
	return out
}

func TestEscalationFixturesCoverCatalog(t *testing.T) {
	t.Parallel()
	for _, tech := range EscalationCatalog {
		c, ok := escalationFixtureCases[tech.ID]
		switch {
		case !ok:
			t.Errorf("%s: neither a fixture nor a reason why it has none (escalation_fixtures_test.go)", tech.ID)
		case c.fixture == "" && c.why == "":
			t.Errorf("%s: no fixture and no reason", tech.ID)
		case c.fixture != "" && (c.yes == "" || c.near == ""):
			t.Errorf("%s: a fixture needs a positive and a near miss", tech.ID)
		}
	}
	for id := range escalationFixtureCases {
		if _, ok := EscalationTechniqueByID(id); !ok {
			t.Errorf("%s: not in the catalog", id)
		}
	}
}

func TestEscalationFixtures(t *testing.T) {
	t.Parallel()
	for _, tech := range EscalationCatalog {
		c := escalationFixtureCases[tech.ID]
		t.Run(tech.ID, func(t *testing.T) {
			t.Parallel()
			if c.fixture == "" {
				t.Skip(c.why)
			}
			f := loadEscalationFixture(t, c.fixture)

			// the positive: an edge of the technique to an admin-equivalent
			// node, a definite path, and a failing finding
			edge := false
			for _, st := range f.graph.Edges[c.yes] {
				edge = edge || st.Technique == tech.ID && f.graph.Admin[st.To] && st.Status == StatusFail
			}
			if !edge {
				t.Errorf("%s: no definite %s edge to an admin-equivalent node; edges: %v", c.yes, tech.ID, f.graph.Edges[c.yes])
			}
			if p := f.pathFrom(c.yes); p == nil || p.Status != StatusFail {
				t.Errorf("%s: no definite escalation path: %v", c.yes, p)
			}
			if got := f.findings(c.yes); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, string(StatusFail)+" ") }) {
				t.Errorf("%s: no failing escalation finding: %v", c.yes, got)
			}

			// the near miss: no edge of the technique to an admin node, no
			// path at all, no finding
			for _, st := range f.graph.Edges[c.near] {
				if st.Technique == tech.ID && f.graph.Admin[st.To] {
					t.Errorf("near miss %s: %s edge to %s (%s)", c.near, tech.ID, st.To, st.Status)
				}
			}
			if p := f.pathFrom(c.near); p != nil {
				t.Errorf("near miss %s: escalation path %s (%s)", c.near, p.Line(), p.Status)
			}
			if got := f.findings(c.near); len(got) > 0 {
				t.Errorf("near miss %s reported: %v", c.near, got)
			}
		})
	}
}

// A path of three steps, printed step by step (issue 10): a user assumes a
// role that assumes the deployer, which passes an admin role to Lambda.
// The near miss may assume a role whose trust names another user only.
func TestEscalationPathOfThreeSteps(t *testing.T) {
	t.Parallel()
	f := loadEscalationFixture(t, "escalation_passrole")
	p := f.pathFrom(fixtureUser("chain_yes"))
	if p == nil {
		t.Fatal("no path from chain_yes")
	}
	testkit.Equal(t, "path", p.Line(), `aws_iam_user.t["chain_yes"] --assume-role--> aws_iam_role.chain_hop --assume-role--> aws_iam_role.chain_deployer --lambda-create-invoke--> aws_iam_role.admin["lambda"]`)
	testkit.Equal(t, "status", p.Status, StatusFail)
	var msg string
	for _, r := range f.results {
		if r.Rule == "escalation-path" && r.Principal == fixtureUser("chain_yes") {
			msg = r.Message
			if len(r.Path) != 3 {
				t.Errorf("result has %d steps, want 3", len(r.Path))
			}
			for i, st := range r.Path {
				if len(st.Grants) == 0 {
					t.Errorf("step %d (%s) names no grant", i+1, st.Technique)
				}
			}
		}
	}
	if !strings.Contains(msg, "in 3 step(s)") {
		t.Errorf("escalation-path result: %q", msg)
	}
	if p := f.pathFrom(fixtureUser("chain_near_trust")); p != nil {
		t.Errorf("near miss chain_near_trust: %s", p.Line())
	}
	if got := f.findings(fixtureUser("chain_near_trust")); len(got) > 0 {
		t.Errorf("near miss chain_near_trust reported: %v", got)
	}
}

// An existing resource whose ARN is known only after apply is still a
// target: the edge to the role it runs as is definite or unknown, never
// missing (PT-3).
func TestEscalationRunningResourceWithUnknownARN(t *testing.T) {
	t.Parallel()
	f := loadEscalationFixture(t, "escalation_existing_compute")
	from, to := fixtureUser("ssm_send_command_yes"), "aws_iam_role.run_admin_web"
	for _, st := range f.graph.Edges[from] {
		if st.To == to && st.Technique == "ssm-send-command" {
			if st.Status == StatusUnknown && !strings.Contains(strings.Join(st.DependsOn, " "), "aws_instance.web") {
				t.Errorf("unknown edge does not name aws_instance.web.arn: %v", st.DependsOn)
			}
			return
		}
	}
	t.Errorf("no %s edge from %s to %s: an unknown grant (the instance's ARN is known only after apply) must stay an unknown edge", "ssm-send-command", from, to)
}
