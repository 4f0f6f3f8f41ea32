package tfplan

import "testing"

func TestModuleIndexParsing(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`module.a["x"].module.b[0]`: "module.a.module.b",
		"module.a":                  "module.a",
		`module.a["x]y"]`:           "module.a",
		"":                          "",
	}
	for in, want := range cases {
		if got := moduleCallPath(in); got != want {
			t.Errorf("moduleCallPath(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`aws_iam_role.app["k"].name`:          `managed aws_iam_role app "k" name`,
		"aws_iam_role.app[3]":                 "managed aws_iam_role app #3 ",
		"data.aws_iam_policy_document.d.json": "data aws_iam_policy_document d  json",
		"var.x":                               "",
		"aws_iam_role.app[local.k]":           "",
	} {
		p, ok := parseRef(in)
		got := ""
		if ok {
			got = string(p.mode) + " " + p.typ + " " + p.name + " " + p.index + " " + p.attr
		}
		if got != want {
			t.Errorf("parseRef(%q) = %q, want %q", in, got, want)
		}
	}
}
