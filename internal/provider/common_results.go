package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// The `results` attribute of iamsim_decision and iamsim_assertion is
// declared once, here: each field's name, type, description and how it is
// read from an outcome. The data source schema, the resource schema, the
// attribute types and the values are all derived from these tables.

// statementField is one attribute of results[*].matched_statements (all
// strings).
type statementField struct {
	name, desc string
	value      func(s *evaluator.MatchedStatement) string
}

var statementFields = []statementField{
	{"policy", descMatchedPolicy, func(s *evaluator.MatchedStatement) string { return s.Policy }},
	{"policy_type", descMatchedType(), func(s *evaluator.MatchedStatement) string { return string(s.PolicyType) }},
	{"sid", descMatchedSid, func(s *evaluator.MatchedStatement) string { return s.Sid }},
	{"effect", descMatchedEffect, func(s *evaluator.MatchedStatement) string { return s.Effect.String() }},
}

// resultKind is the Terraform type of a result field.
type resultKind int

const (
	resultString resultKind = iota
	resultBool
	resultStringList
	resultStatements // a list of objects of statementFields
)

// resultField is one attribute of an element of results.
type resultField struct {
	name  string
	kind  resultKind
	desc  string
	value func(o *outcome) attr.Value
}

var resultFields = []resultField{
	{"action_name", resultString, descResultAction, func(o *outcome) attr.Value { return types.StringValue(o.Request.Action) }},
	{"resource_arn", resultString, descResultResource, func(o *outcome) attr.Value { return types.StringValue(o.Request.Resource) }},
	{"decision", resultString, descDecision(), func(o *outcome) attr.Value { return types.StringValue(string(o.Result.Decision)) }},
	{"allowed", resultBool, descAllowedShortcut, func(o *outcome) attr.Value { return types.BoolValue(o.Result.Decision == evaluator.Allowed) }},
	{"matched_statements", resultStatements, descMatched, statementsValue},
	{"blocked_by", resultStringList, descBlockedBy, func(o *outcome) attr.Value { return stringListValue(o.Result.BlockedBy) }},
	{"missing_context_keys", resultStringList, descMissingKeys, func(o *outcome) attr.Value { return stringListValue(o.Result.MissingContextKeys) }},
}

var (
	statementAttrTypes = func() map[string]attr.Type {
		m := make(map[string]attr.Type, len(statementFields))
		for _, f := range statementFields {
			m[f.name] = types.StringType
		}
		return m
	}()
	statementObjectType = types.ObjectType{AttrTypes: statementAttrTypes}
	resultAttrTypes     = func() map[string]attr.Type {
		m := make(map[string]attr.Type, len(resultFields))
		for _, f := range resultFields {
			m[f.name] = f.kind.attrType()
		}
		return m
	}()
	resultObjectType = types.ObjectType{AttrTypes: resultAttrTypes}
)

func (k resultKind) attrType() attr.Type {
	switch k {
	case resultBool:
		return types.BoolType
	case resultStringList:
		return types.ListType{ElemType: types.StringType}
	case resultStatements:
		return types.ListType{ElemType: statementObjectType}
	}
	return types.StringType
}

// statementsValue is results[*].matched_statements of one outcome.
func statementsValue(o *outcome) attr.Value {
	stmts := make([]attr.Value, len(o.Result.MatchedStatements))
	for i := range o.Result.MatchedStatements {
		s := &o.Result.MatchedStatements[i]
		vals := make(map[string]attr.Value, len(statementFields))
		for _, f := range statementFields {
			vals[f.name] = types.StringValue(f.value(s))
		}
		stmts[i] = types.ObjectValueMust(statementAttrTypes, vals)
	}
	return types.ListValueMust(statementObjectType, stmts)
}

// resultsValue builds the results list directly rather than through the
// framework's reflection, which dominated the cost of a read (100 data
// sources of 10 actions each in one plan, bench/provider-plan.sh).
func resultsValue(outs []outcome) types.List {
	elems := make([]attr.Value, len(outs))
	for i := range outs {
		vals := make(map[string]attr.Value, len(resultFields))
		for _, f := range resultFields {
			vals[f.name] = f.value(&outs[i])
		}
		elems[i] = types.ObjectValueMust(resultAttrTypes, vals)
	}
	return types.ListValueMust(resultObjectType, elems)
}

func stringListValue(ss []string) types.List {
	elems := make([]attr.Value, len(ss))
	for i, s := range ss {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

// dsResultsAttribute is `results` in the data source schema.
func dsResultsAttribute() dsschema.ListNestedAttribute {
	stmts := map[string]dsschema.Attribute{}
	for _, f := range statementFields {
		stmts[f.name] = dsschema.StringAttribute{Computed: true, MarkdownDescription: f.desc}
	}
	attrs := map[string]dsschema.Attribute{}
	for _, f := range resultFields {
		switch f.kind {
		case resultString:
			attrs[f.name] = dsschema.StringAttribute{Computed: true, MarkdownDescription: f.desc}
		case resultBool:
			attrs[f.name] = dsschema.BoolAttribute{Computed: true, MarkdownDescription: f.desc}
		case resultStringList:
			attrs[f.name] = dsschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: f.desc}
		case resultStatements:
			attrs[f.name] = dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: f.desc,
				NestedObject: dsschema.NestedAttributeObject{Attributes: stmts}}
		}
	}
	return dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: descResults,
		NestedObject: dsschema.NestedAttributeObject{Attributes: attrs}}
}

// rsResultsAttribute is `results` in the resource schema.
func rsResultsAttribute() rsschema.ListNestedAttribute {
	stmts := map[string]rsschema.Attribute{}
	for _, f := range statementFields {
		stmts[f.name] = rsschema.StringAttribute{Computed: true, MarkdownDescription: f.desc}
	}
	attrs := map[string]rsschema.Attribute{}
	for _, f := range resultFields {
		switch f.kind {
		case resultString:
			attrs[f.name] = rsschema.StringAttribute{Computed: true, MarkdownDescription: f.desc}
		case resultBool:
			attrs[f.name] = rsschema.BoolAttribute{Computed: true, MarkdownDescription: f.desc}
		case resultStringList:
			attrs[f.name] = rsschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: f.desc}
		case resultStatements:
			attrs[f.name] = rsschema.ListNestedAttribute{Computed: true, MarkdownDescription: f.desc,
				NestedObject: rsschema.NestedAttributeObject{Attributes: stmts}}
		}
	}
	return rsschema.ListNestedAttribute{Computed: true, MarkdownDescription: descResults,
		NestedObject: rsschema.NestedAttributeObject{Attributes: attrs}}
}
