package analysis

import (
	"strings"
	"testing"
)

func TestEscalationCatalog(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{}
	legacy := map[string]bool{}
	for _, tech := range EscalationCatalog {
		if ids[tech.ID] {
			t.Errorf("duplicate technique id %s", tech.ID)
		}
		ids[tech.ID] = true
		legacy[tech.Legacy] = true
		if len(tech.AllOf) == 0 || len(tech.Refs) == 0 || tech.Yields == "" {
			t.Errorf("%s: needs actions, refs and a yield", tech.ID)
		}
		if (tech.PassRole || tech.Yields == YieldRunningRole) && !strings.HasSuffix(tech.Service, ".amazonaws.com") {
			t.Errorf("%s: a PassRole or running-role technique names its service principal", tech.ID)
		}
		if tech.Yields == YieldRunningRole && tech.Resource == "" {
			t.Errorf("%s: a running-role technique names its resource kind", tech.ID)
		}
	}
	// the pre-catalog finding ids keep working: each is refined by entries
	for _, id := range legacyEscalationIDs() {
		if !legacy[id] {
			t.Errorf("legacy id %s is refined by no catalog entry", id)
		}
	}
}

func TestEscalationCatalogCoversIssue10(t *testing.T) {
	t.Parallel()
	cases := []struct{ id, action string }{
		{"ecs-task", "ecs:RegisterTaskDefinition"},
		{"codebuild-project", "codebuild:CreateProject"},
		{"sagemaker-notebook", "sagemaker:CreateNotebookInstance"},
		{"sagemaker-training-job", "sagemaker:CreateTrainingJob"},
		{"sagemaker-processing-job", "sagemaker:CreateProcessingJob"},
		{"glue-job", "glue:StartJobRun"},
		{"glue-dev-endpoint", "glue:CreateDevEndpoint"},
		{"cloudformation-update-stack", "cloudformation:UpdateStack"},
		{"cloudformation-change-set", "cloudformation:ExecuteChangeSet"},
		{"cloudformation-stack-set", "cloudformation:CreateStackSet"},
		{"apprunner-service", "apprunner:CreateService"},
		{"lambda-create-permission", "lambda:AddPermission"},
		{"lambda-create-event-source", "lambda:CreateEventSourceMapping"},
		{"lambda-update-code", "lambda:UpdateFunctionCode"},
		{"ec2-run-instances", "ec2:RunInstances"},
		{"ec2-user-data", "ec2:ModifyInstanceAttribute"},
		{"ec2-launch-template", "ec2:CreateLaunchTemplate"},
		{"ssm-send-command", "ssm:SendCommand"},
		{"ssm-start-session", "ssm:StartSession"},
		{"ec2-instance-connect", "ec2-instance-connect:SendSSHPublicKey"},
		{"add-user-to-group", "iam:AddUserToGroup"},
		{"create-access-key", "iam:CreateAccessKey"},
		{"update-login-profile", "iam:UpdateLoginProfile"},
		{"attach-role-policy", "iam:AttachRolePolicy"},
		{"put-group-policy", "iam:PutGroupPolicy"},
		{"create-policy-version", "iam:CreatePolicyVersion"},
		{"set-default-policy-version", "iam:SetDefaultPolicyVersion"},
		{"update-assume-role-policy", "iam:UpdateAssumeRolePolicy"},
		{"assume-role", "sts:AssumeRole"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			t.Parallel()
			tech, ok := EscalationTechniqueByID(c.id)
			if !ok {
				t.Fatalf("no technique %s", c.id)
			}
			for _, g := range tech.AllOf {
				for _, a := range g {
					if a == c.action {
						return
					}
				}
			}
			t.Errorf("%s does not use %s", c.id, c.action)
		})
	}
}
