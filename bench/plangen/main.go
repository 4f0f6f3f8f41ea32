// Command plangen writes a synthetic `terraform show -json` plan for the
// planscan scaling benchmarks (bench/plan-scaling.sh, BENCHMARKS.md).
//
//	go run ./bench/plangen -shape roles -n 20000 > plan.json       # N roles, one inline policy each
//	go run ./bench/plangen -shape inline -n 8000 > plan.json       # one role with N inline policies
//	go run ./bench/plangen -shape statements -n 20000 > plan.json  # one policy with N statements
//
// The plan creates everything (no prior state), in account 111122223333
// (pass --account-id 111122223333 to planscan). Roles trust a service;
// every 1000th role of the roles shape can pass roles to Lambda (a
// privilege-escalation finding) and trusts its account, and every 200th
// can assume the escalating role of its thousand (an assume-chain
// finding), so the check has findings to report, as a real plan would.
// Each role's policy names its own resources (a bucket, a table, a queue,
// ...) with one of 15 action sets.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

const account = "111122223333"

// actionSets are the actions of the data statement, chosen by index, so
// that the plan has a few dozen distinct action sets, not one.
var actionSets = [][]string{
	{"s3:GetObject"},
	{"s3:GetObject", "s3:PutObject"},
	{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"},
	{"s3:ListBucket", "s3:GetObject"},
	{"s3:Get*", "s3:List*"},
	{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"},
	{"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"},
	{"sns:Publish"},
	{"kms:Decrypt", "kms:GenerateDataKey"},
	{"secretsmanager:GetSecretValue"},
	{"lambda:InvokeFunction"},
	{"ec2:Describe*"},
	{"cloudwatch:PutMetricData"},
	{"ssm:GetParameter", "ssm:GetParameters"},
	{"ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"},
}

// resourceFor is the resource of the data statement of policy i.
func resourceFor(set, i int) []string {
	switch set {
	case 0, 1, 2, 3, 4:
		return []string{fmt.Sprintf("arn:aws:s3:::data-%05d", i), fmt.Sprintf("arn:aws:s3:::data-%05d/*", i)}
	case 5:
		return []string{fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%05d", account, i)}
	case 6:
		return []string{fmt.Sprintf("arn:aws:sqs:us-east-1:%s:q-%05d", account, i)}
	case 7:
		return []string{fmt.Sprintf("arn:aws:sns:us-east-1:%s:topic-%05d", account, i)}
	case 8:
		return []string{fmt.Sprintf("arn:aws:kms:us-east-1:%s:key/k-%05d", account, i)}
	case 9:
		return []string{fmt.Sprintf("arn:aws:secretsmanager:us-east-1:%s:secret:s-%05d-*", account, i)}
	case 10:
		return []string{fmt.Sprintf("arn:aws:lambda:us-east-1:%s:function:f-%05d", account, i)}
	case 13:
		return []string{fmt.Sprintf("arn:aws:ssm:us-east-1:%s:parameter/app/%05d/*", account, i)}
	case 14:
		return []string{fmt.Sprintf("arn:aws:ecr:us-east-1:%s:repository/r-%05d", account, i)}
	}
	return []string{"*"}
}

type statement struct {
	Sid      string `json:"Sid"`
	Effect   string `json:"Effect"`
	Action   any    `json:"Action"`
	Resource any    `json:"Resource"`
}

type policy struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

func dataStatement(i int) statement {
	set := i % len(actionSets)
	return statement{Sid: fmt.Sprintf("Data%d", i), Effect: "Allow", Action: actionSets[set], Resource: resourceFor(set, i)}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func trustService() string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
}

func trustAccount() string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`
}

type change struct {
	Actions      []string       `json:"actions"`
	Before       any            `json:"before"`
	After        map[string]any `json:"after"`
	AfterUnknown map[string]any `json:"after_unknown"`
}

type resourceChange struct {
	Address      string `json:"address"`
	Mode         string `json:"mode"`
	Type         string `json:"type"`
	Name         string `json:"name"`
	Index        string `json:"index"`
	ProviderName string `json:"provider_name"`
	Change       change `json:"change"`
}

type writer struct {
	w     *bufio.Writer
	first bool
}

func (w *writer) add(typ, name, index string, after map[string]any, unknown map[string]any) {
	rc := resourceChange{Address: fmt.Sprintf("%s.%s[%q]", typ, name, index), Mode: "managed", Type: typ, Name: name, Index: index,
		ProviderName: "registry.terraform.io/hashicorp/aws",
		Change:       change{Actions: []string{"create"}, After: after, AfterUnknown: unknown}}
	if !w.first {
		_, _ = w.w.WriteString(",\n")
	}
	w.first = false
	_, _ = w.w.WriteString(mustJSON(rc))
}

func (w *writer) role(index, name, trust string) {
	w.add("aws_iam_role", "app", index, map[string]any{"name": name, "path": "/", "assume_role_policy": trust, "max_session_duration": 3600,
		"force_detach_policies": false, "description": nil, "permissions_boundary": nil, "tags": nil},
		map[string]any{"arn": true, "id": true, "unique_id": true, "create_date": true, "inline_policy": true, "managed_policy_arns": true, "name_prefix": true, "tags_all": true})
}

func (w *writer) inline(index, role, name string, doc policy) {
	w.add("aws_iam_role_policy", "app", index, map[string]any{"name": name, "role": role, "policy": mustJSON(doc)},
		map[string]any{"id": true, "name_prefix": true})
}

func main() {
	shape := flag.String("shape", "roles", "roles | inline | statements")
	n := flag.Int("n", 1000, "number of roles, inline policies or statements")
	flag.Parse()
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	_, _ = out.WriteString(`{"format_version":"1.2","terraform_version":"1.11.4","applyable":true,"complete":true,"errored":false,` + "\n")
	_, _ = out.WriteString(`"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"constant_value":"us-east-1"}}}},"root_module":{"resources":[` +
		`{"address":"aws_iam_role.app","mode":"managed","type":"aws_iam_role","name":"app","provider_config_key":"aws","expressions":{"assume_role_policy":{},"name":{"references":["each.key"]}},"schema_version":0,"for_each_expression":{"references":["local.idx"]}},` +
		`{"address":"aws_iam_role_policy.app","mode":"managed","type":"aws_iam_role_policy","name":"app","provider_config_key":"aws","expressions":{"name":{"references":["each.key"]},"policy":{},"role":{"references":["aws_iam_role.app","each.key"]}},"schema_version":0,"for_each_expression":{"references":["local.idx"]}}]}},` + "\n")
	_, _ = out.WriteString(`"resource_changes":[` + "\n")
	w := &writer{w: out, first: true}
	switch *shape {
	case "roles":
		for i := 0; i < *n; i++ {
			idx := fmt.Sprintf("%05d", i)
			name := "app-" + idx
			trust := trustService()
			doc := policy{Version: "2012-10-17", Statement: []statement{dataStatement(i),
				{Sid: "Logs", Effect: "Allow", Action: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, Resource: "*"}}}
			switch {
			case i%1000 == 0:
				trust = trustAccount()
				doc.Statement = append(doc.Statement, statement{Sid: "Deploy", Effect: "Allow",
					Action: []string{"iam:PassRole", "lambda:CreateFunction"}, Resource: "*"})
			case i%200 == 7:
				doc.Statement = append(doc.Statement, statement{Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole",
					Resource: fmt.Sprintf("arn:aws:iam::%s:role/app-%05d", account, i/1000*1000)})
			}
			w.role(idx, name, trust)
			w.inline(idx, name, "inline-"+idx, doc)
		}
	case "inline":
		w.role("00000", "app-00000", trustService())
		for i := 0; i < *n; i++ {
			idx := fmt.Sprintf("%05d", i)
			w.inline(idx, "app-00000", "inline-"+idx, policy{Version: "2012-10-17", Statement: []statement{dataStatement(i)}})
		}
	case "statements":
		w.role("00000", "app-00000", trustService())
		doc := policy{Version: "2012-10-17"}
		for i := 0; i < *n; i++ {
			doc.Statement = append(doc.Statement, dataStatement(i))
		}
		w.inline("00000", "app-00000", "inline-00000", doc)
	default:
		fmt.Fprintf(os.Stderr, "plangen: unknown shape %q\n", *shape)
		os.Exit(2)
	}
	_, _ = out.WriteString("\n]}\n")
}
