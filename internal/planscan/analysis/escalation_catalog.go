package analysis

// The privilege-escalation catalog (issue 10): one entry per technique, as
// data. The escalation graph (escalation_graph.go) evaluates every entry on
// the planned model with the engine; nothing here decides anything.
//
// Sources: Rhino Security Labs' list of 21 IAM escalation methods
// ("rhino:N", N its method number) and pathfinding.cloud (DataDog), whose
// path ids are `<service>-NNN` ("pathfinding:iam-007"; where the exact number
// was not checked, the entry cites the service's family, "pathfinding:ecs-*").
// The wording and the grouping below are this project's.

// EscalationYield is what a technique gives the caller.
type EscalationYield string

const (
	// YieldPassedRole: the permissions of a role the caller passes to a
	// service that then runs the caller's code as that role.
	YieldPassedRole EscalationYield = "passed-role"
	// YieldRunningRole: the permissions of the role an existing resource
	// (a Lambda function, an EC2 instance, a Glue dev endpoint) runs as.
	YieldRunningRole EscalationYield = "running-role"
	// YieldSelfPolicy: a policy change on the caller itself (or on a policy
	// attached to it): any permission.
	YieldSelfPolicy EscalationYield = "self-policy"
	// YieldOtherUser: credentials of another IAM user.
	YieldOtherUser EscalationYield = "other-user"
	// YieldGroup: the permissions of a group the caller adds itself to.
	YieldGroup EscalationYield = "group"
	// YieldAssumedRole: a session of a role (sts:AssumeRole, or a trust
	// policy the caller rewrites first).
	YieldAssumedRole EscalationYield = "assumed-role"
)

// EscalationTechnique is one catalog entry.
type EscalationTechnique struct {
	ID string
	// AllOf: every group is needed; any one action of a group does.
	AllOf [][]string
	// PassRole: iam:PassRole on the target role is needed too, asked with
	// iam:PassedToService = Service; the role must trust Service.
	PassRole bool
	// Service is the service principal the technique acts through
	// (lambda.amazonaws.com); for YieldRunningRole, the principal the
	// resource's role trusts.
	Service string
	Yields  EscalationYield
	// Resource is the kind of existing resource a YieldRunningRole
	// technique acts on: lambda-function, ec2-instance, glue-devendpoint.
	Resource string
	// Legacy is the id of the pre-catalog finding the entry refines
	// (privilege-escalation <id>), for suppressions written against it.
	Legacy string
	// Quota: a per-target limit that, once reached, needs more actions
	// (escalation_quota.go).
	Quota *EscalationQuota
	Refs  []string
	Notes string
}

// Action groups used by several entries.
var (
	oneOfRunTask = []string{"ecs:RunTask", "ecs:StartTask", "ecs:CreateService", "ecs:UpdateService"}
)

const (
	svcLambda     = "lambda.amazonaws.com"
	svcEC2        = "ec2.amazonaws.com"
	svcECS        = "ecs-tasks.amazonaws.com"
	svcCodeBuild  = "codebuild.amazonaws.com"
	svcSageMaker  = "sagemaker.amazonaws.com"
	svcGlue       = "glue.amazonaws.com"
	svcCFN        = "cloudformation.amazonaws.com"
	svcAppRunner  = "tasks.apprunner.amazonaws.com"
	svcDataPipe   = "datapipeline.amazonaws.com"
	svcBatchJobs  = "ecs-tasks.amazonaws.com"
	resLambdaFunc = "lambda-function"
	resInstance   = "ec2-instance"
	resDevEndpt   = "glue-devendpoint"
)

// EscalationCatalog lists every technique planscan evaluates.
var EscalationCatalog = []EscalationTechnique{
	// --- a new resource runs as a passed role ---
	{ID: "lambda-create-invoke", AllOf: [][]string{{"lambda:CreateFunction"}, {"lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:CreateFunctionUrlConfig"}},
		PassRole: true, Service: svcLambda, Yields: YieldPassedRole, Legacy: "passrole-compute", Refs: []string{"rhino:15", "pathfinding:lambda-001"}},
	{ID: "lambda-create-permission", AllOf: [][]string{{"lambda:CreateFunction"}, {"lambda:AddPermission"}},
		PassRole: true, Service: svcLambda, Yields: YieldPassedRole, Legacy: "passrole-compute", Refs: []string{"pathfinding:lambda-*"},
		Notes: "the function's own resource policy then lets the caller (or anyone) invoke it"},
	{ID: "lambda-create-event-source", AllOf: [][]string{{"lambda:CreateFunction"}, {"lambda:CreateEventSourceMapping"}},
		PassRole: true, Service: svcLambda, Yields: YieldPassedRole, Legacy: "passrole-compute", Refs: []string{"rhino:16", "pathfinding:lambda-*"}},
	{ID: "ec2-run-instances", AllOf: [][]string{{"ec2:RunInstances"}},
		PassRole: true, Service: svcEC2, Yields: YieldPassedRole, Legacy: "passrole-compute", Refs: []string{"rhino:3", "pathfinding:ec2-001"},
		Notes: "an instance profile of the role; the code runs from user data"},
	{ID: "ec2-launch-template", AllOf: [][]string{{"ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion"}, {"ec2:RunInstances", "autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup"}},
		PassRole: true, Service: svcEC2, Yields: YieldPassedRole, Refs: []string{"pathfinding:ec2-*"},
		Notes: "a launch template (version) with the role's instance profile and user data, launched directly or by Auto Scaling"},
	{ID: "ecs-task", AllOf: [][]string{{"ecs:RegisterTaskDefinition"}, oneOfRunTask},
		PassRole: true, Service: svcECS, Yields: YieldPassedRole, Refs: []string{"pathfinding:ecs-*"}},
	{ID: "batch-job", AllOf: [][]string{{"batch:RegisterJobDefinition"}, {"batch:SubmitJob"}},
		PassRole: true, Service: svcBatchJobs, Yields: YieldPassedRole, Refs: []string{"pathfinding:batch-001"}},
	{ID: "codebuild-project", AllOf: [][]string{{"codebuild:CreateProject"}, {"codebuild:StartBuild", "codebuild:StartBuildBatch"}},
		PassRole: true, Service: svcCodeBuild, Yields: YieldPassedRole, Refs: []string{"pathfinding:codebuild-*"}},
	{ID: "sagemaker-notebook", AllOf: [][]string{{"sagemaker:CreateNotebookInstance"}, {"sagemaker:CreatePresignedNotebookInstanceUrl"}},
		PassRole: true, Service: svcSageMaker, Yields: YieldPassedRole, Refs: []string{"pathfinding:sagemaker-*"}},
	{ID: "sagemaker-training-job", AllOf: [][]string{{"sagemaker:CreateTrainingJob"}},
		PassRole: true, Service: svcSageMaker, Yields: YieldPassedRole, Refs: []string{"pathfinding:sagemaker-*"}},
	{ID: "sagemaker-processing-job", AllOf: [][]string{{"sagemaker:CreateProcessingJob"}},
		PassRole: true, Service: svcSageMaker, Yields: YieldPassedRole, Refs: []string{"pathfinding:sagemaker-*"}},
	{ID: "glue-job", AllOf: [][]string{{"glue:CreateJob"}, {"glue:StartJobRun", "glue:CreateTrigger"}},
		PassRole: true, Service: svcGlue, Yields: YieldPassedRole, Refs: []string{"pathfinding:glue-*"}},
	{ID: "glue-dev-endpoint", AllOf: [][]string{{"glue:CreateDevEndpoint"}},
		PassRole: true, Service: svcGlue, Yields: YieldPassedRole, Legacy: "passrole-compute", Refs: []string{"rhino:18", "pathfinding:glue-001"}},
	{ID: "cloudformation-stack", AllOf: [][]string{{"cloudformation:CreateStack"}},
		PassRole: true, Service: svcCFN, Yields: YieldPassedRole, Legacy: "passrole-compute", Refs: []string{"rhino:20", "pathfinding:cloudformation-001"},
		Notes: "the stack's service role creates whatever the template says (an IAM user with an admin policy)"},
	{ID: "cloudformation-update-stack", AllOf: [][]string{{"cloudformation:UpdateStack"}},
		PassRole: true, Service: svcCFN, Yields: YieldPassedRole, Refs: []string{"pathfinding:cloudformation-*"}},
	{ID: "cloudformation-change-set", AllOf: [][]string{{"cloudformation:CreateChangeSet"}, {"cloudformation:ExecuteChangeSet"}},
		PassRole: true, Service: svcCFN, Yields: YieldPassedRole, Refs: []string{"pathfinding:cloudformation-005"}},
	{ID: "cloudformation-stack-set", AllOf: [][]string{{"cloudformation:CreateStackSet", "cloudformation:UpdateStackSet"}, {"cloudformation:CreateStackInstances", "cloudformation:UpdateStackSet"}},
		PassRole: true, Service: svcCFN, Yields: YieldPassedRole, Refs: []string{"pathfinding:cloudformation-*"},
		Notes: "self-managed stack sets: the administration role passed to CloudFormation"},
	{ID: "apprunner-service", AllOf: [][]string{{"apprunner:CreateService"}},
		PassRole: true, Service: svcAppRunner, Yields: YieldPassedRole, Refs: []string{"pathfinding:apprunner-001"}},
	{ID: "datapipeline", AllOf: [][]string{{"datapipeline:CreatePipeline"}, {"datapipeline:PutPipelineDefinition"}},
		PassRole: true, Service: svcDataPipe, Yields: YieldPassedRole, Refs: []string{"rhino:21", "pathfinding:datapipeline-001"}},

	// --- an existing resource runs as some role: change what it runs ---
	{ID: "lambda-update-code", AllOf: [][]string{{"lambda:UpdateFunctionCode"}},
		Service: svcLambda, Yields: YieldRunningRole, Resource: resLambdaFunc, Refs: []string{"rhino:17", "pathfinding:lambda-*"},
		Notes: "the function runs the caller's code the next time it is invoked (or at once with lambda:InvokeFunction)"},
	{ID: "ec2-user-data", AllOf: [][]string{{"ec2:ModifyInstanceAttribute"}, {"ec2:StopInstances"}, {"ec2:StartInstances"}},
		Service: svcEC2, Yields: YieldRunningRole, Resource: resInstance, Refs: []string{"pathfinding:ec2-*"},
		Notes: "user data runs again when the stopped instance starts"},
	{ID: "ssm-send-command", AllOf: [][]string{{"ssm:SendCommand"}},
		Service: svcEC2, Yields: YieldRunningRole, Resource: resInstance, Refs: []string{"pathfinding:ssm-*"}},
	{ID: "ssm-start-session", AllOf: [][]string{{"ssm:StartSession"}},
		Service: svcEC2, Yields: YieldRunningRole, Resource: resInstance, Refs: []string{"pathfinding:ssm-*"}},
	{ID: "ec2-instance-connect", AllOf: [][]string{{"ec2-instance-connect:SendSSHPublicKey", "ec2-instance-connect:SendSerialConsoleSSHPublicKey"}},
		Service: svcEC2, Yields: YieldRunningRole, Resource: resInstance, Refs: []string{"pathfinding:ec2-*"}},
	{ID: "glue-update-dev-endpoint", AllOf: [][]string{{"glue:UpdateDevEndpoint"}},
		Service: svcGlue, Yields: YieldRunningRole, Resource: resDevEndpt, Refs: []string{"rhino:19", "pathfinding:glue-*"}},

	// --- the caller changes its own policies ---
	{ID: "create-policy-version", AllOf: [][]string{{"iam:CreatePolicyVersion"}}, Yields: YieldSelfPolicy, Legacy: "create-policy-version", Refs: []string{"rhino:1", "pathfinding:iam-001"}},
	{ID: "set-default-policy-version", AllOf: [][]string{{"iam:SetDefaultPolicyVersion"}}, Yields: YieldSelfPolicy, Legacy: "set-default-policy-version", Refs: []string{"rhino:2", "pathfinding:iam-*"}},
	{ID: "attach-user-policy", AllOf: [][]string{{"iam:AttachUserPolicy"}}, Yields: YieldSelfPolicy, Legacy: "attach-policy", Refs: []string{"rhino:7", "pathfinding:iam-007"}},
	{ID: "attach-group-policy", AllOf: [][]string{{"iam:AttachGroupPolicy"}}, Yields: YieldSelfPolicy, Legacy: "attach-policy", Refs: []string{"rhino:8", "pathfinding:iam-*"}},
	{ID: "attach-role-policy", AllOf: [][]string{{"iam:AttachRolePolicy"}}, Yields: YieldSelfPolicy, Legacy: "attach-policy", Refs: []string{"rhino:9", "pathfinding:iam-*"}},
	{ID: "put-user-policy", AllOf: [][]string{{"iam:PutUserPolicy"}}, Yields: YieldSelfPolicy, Legacy: "put-inline-policy", Refs: []string{"rhino:10", "pathfinding:iam-*"}},
	{ID: "put-group-policy", AllOf: [][]string{{"iam:PutGroupPolicy"}}, Yields: YieldSelfPolicy, Legacy: "put-inline-policy", Refs: []string{"rhino:11", "pathfinding:iam-011"}},
	{ID: "put-role-policy", AllOf: [][]string{{"iam:PutRolePolicy"}}, Yields: YieldSelfPolicy, Legacy: "put-inline-policy", Refs: []string{"rhino:12", "pathfinding:iam-*"}},

	// --- the caller becomes another principal ---
	{ID: "add-user-to-group", AllOf: [][]string{{"iam:AddUserToGroup"}}, Yields: YieldGroup, Refs: []string{"rhino:13", "pathfinding:iam-*"}},
	{ID: "create-access-key", AllOf: [][]string{{"iam:CreateAccessKey"}}, Yields: YieldOtherUser, Legacy: "credentials-of-other-users", Refs: []string{"rhino:4", "pathfinding:iam-*"},
		Quota: &EscalationQuota{Resource: "aws_iam_access_key", Limit: 2, AtLimit: [][]string{{"iam:DeleteAccessKey"}}},
		Notes: "a user holds at most two access keys: for a user with two aws_iam_access_key resources in the plan, iam:DeleteAccessKey on the user is needed too"},
	{ID: "create-login-profile", AllOf: [][]string{{"iam:CreateLoginProfile"}}, Yields: YieldOtherUser, Legacy: "credentials-of-other-users", Refs: []string{"rhino:5", "pathfinding:iam-*"}},
	{ID: "update-login-profile", AllOf: [][]string{{"iam:UpdateLoginProfile"}}, Yields: YieldOtherUser, Legacy: "credentials-of-other-users", Refs: []string{"rhino:6", "pathfinding:iam-*"}},
	{ID: "update-assume-role-policy", AllOf: [][]string{{"iam:UpdateAssumeRolePolicy"}}, Yields: YieldAssumedRole, Legacy: "update-assume-role-policy", Refs: []string{"rhino:14", "pathfinding:iam-*"},
		Notes: "the caller rewrites the trust policy to name itself, then assumes the role"},
	{ID: "assume-role", AllOf: [][]string{{"sts:AssumeRole"}}, Yields: YieldAssumedRole, Refs: []string{"pathfinding:sts-001"},
		Notes: "the caller's policies and the role's trust policy both allow it (the trust alone, for a principal of the same account it names)"},
}

// EscalationTechniqueByID returns the catalog entry with the id.
func EscalationTechniqueByID(id string) (EscalationTechnique, bool) {
	for _, t := range EscalationCatalog {
		if t.ID == id {
			return t, true
		}
	}
	return EscalationTechnique{}, false
}

// legacyEscalationIDs are the ids of the pre-catalog privilege-escalation
// findings (findings_privilege.go); every one is refined by catalog entries.
func legacyEscalationIDs() []string {
	ids := make([]string, len(escalationPaths))
	for i, p := range escalationPaths {
		ids[i] = p.id
	}
	return ids
}
