package evaluator

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// withoutActionLists returns a copy of the set whose policies match every
// statement's actions per decision, as before the per-action lists.
func withoutActionLists(c *CompiledSet) *CompiledSet {
	strip := func(ps []*CompiledPolicy) []*CompiledPolicy {
		out := make([]*CompiledPolicy, len(ps))
		for i, p := range ps {
			q := *p
			q.acts = nil
			out[i] = &q
		}
		return out
	}
	n := *c
	n.identity = strip(c.identity)
	n.boundaries = strip(c.boundaries)
	n.scps = make([][]*CompiledPolicy, len(c.scps))
	for i := range c.scps {
		n.scps[i] = strip(c.scps[i])
	}
	if c.resource != nil {
		n.resource = strip([]*CompiledPolicy{c.resource})[0]
		n.trust = strip([]*CompiledPolicy{c.trust})[0]
	}
	return &n
}

// TestActionListsAgree decides random requests against random small
// policies with and without the per-action statement lists (EV-1, AC-1..AC-3:
// Action, NotAction, wildcards, case): the results must be identical, also
// when several goroutines fill the lists at once.
func TestActionListsAgree(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(11))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	patterns := []string{"s3:GetObject", "S3:getobject", "s3:Get*", "s3:*", "*", "ec2:Describe*", "ec2:*Instances",
		"iam:PassRole", "s?:GetObject", "*:GetObject", "sqs:SendMessage", "kms:Decrypt", "sts:AssumeRole", "s3:*Tagging"}
	resources := []string{"*", "arn:aws:s3:::b1/*", "arn:aws:s3:::b1", "arn:aws:ec2:*:111122223333:instance/*",
		"arn:aws:iam::111122223333:role/app", "arn:aws:kms:*:111122223333:key/*", "arn:aws:sqs:us-east-1:111122223333:q"}
	actions := []string{"s3:GetObject", "S3:GETOBJECT", "s3:PutObjectTagging", "s3:ListBucket", "ec2:DescribeInstances",
		"ec2:StartInstances", "EC2:stopinstances", "iam:PassRole", "sqs:SendMessage", "kms:Decrypt", "kms:Encrypt",
		"sts:AssumeRole", "sns:Publish", "s4:GetObject", "dynamodb:GetItem"}
	targets := []string{"arn:aws:s3:::b1/k", "arn:aws:s3:::b1", "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
		"arn:aws:iam::111122223333:role/app", "arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:sqs:us-east-1:111122223333:q", "*"}
	doc := func(principal bool) []byte {
		var stmts []any
		for i := 0; i < 1+rng.Intn(12); i++ {
			st := map[string]any{"Sid": fmt.Sprintf("S%d", i), "Effect": pick("Allow", "Allow", "Deny")}
			var acts []string
			for j := 0; j <= rng.Intn(3); j++ {
				acts = append(acts, pick(patterns...))
			}
			st[pick("Action", "Action", "Action", "NotAction")] = acts
			st["Resource"] = pick(resources...)
			if principal {
				st["Principal"] = map[string]any{"AWS": pick("arn:aws:iam::111122223333:root", "*", "arn:aws:iam::111122223333:role/app")}
			}
			if rng.Intn(4) == 0 {
				st["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:RequestedRegion": pick("us-east-1", "eu-west-1")}}
			}
			stmts = append(stmts, st)
		}
		out, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
		return out
	}
	p, err := ParsePrincipal("arn:aws:sts::111122223333:assumed-role/app/s1")
	if err != nil {
		t.Fatal(err)
	}
	stats := map[Decision]int{}
	defer func() { t.Logf("decisions: %v", stats) }()
	for round := 0; round < 60; round++ {
		set := PolicySet{
			Identity:   []PolicyDoc{{JSON: doc(false)}, {JSON: doc(false)}},
			Boundaries: []PolicyDoc{{JSON: doc(false)}},
			SCPs:       [][]PolicyDoc{{{JSON: doc(false)}}, {{JSON: doc(false)}}},
			Resource:   &PolicyDoc{JSON: doc(true)},
		}
		cached := Compile(set, Options{})
		for _, cp := range cached.Policies() {
			if cp.Invalid() {
				t.Fatalf("invalid policy: %v", cp.Findings())
			}
			if cp.acts == nil {
				t.Fatalf("policy %s of %d statements has no action lists", cp.Name(), len(cp.stmts))
			}
		}
		plain := withoutActionLists(cached)
		var reqs []Request
		for i := 0; i < 40; i++ {
			r := Request{Principal: p, Action: pick(actions...), Resource: pick(targets...)}
			r.Context.Set("aws:RequestedRegion", pick("us-east-1", "eu-west-1"))
			reqs = append(reqs, r)
		}
		want := make([]Result, len(reqs))
		for i := range reqs {
			want[i] = plain.Decide(&reqs[i])
			stats[want[i].Decision]++
		}
		var wg sync.WaitGroup
		errs := make(chan string, 4*len(reqs))
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range reqs {
					if got := cached.Decide(&reqs[i]); !reflect.DeepEqual(got, want[i]) {
						errs <- fmt.Sprintf("%s %s:\ncached %+v\nplain  %+v", reqs[i].Action, reqs[i].Resource, got, want[i])
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Fatalf("round %d: %s", round, e)
		}
	}
}

// TestInternAction: one id per action whatever its case (AC-1); actions
// too long to be real are not interned.
func TestInternAction(t *testing.T) {
	t.Parallel()
	a := internAction("s3:GetObject")
	tests := []struct {
		action string
		same   bool
	}{
		{"s3:getobject", true},
		{"S3:GETOBJECT", true},
		{"s3:GetObject", true},
		{"s3:GetObjectAcl", false},
		{"s3:GetObjecT ", false},
	}
	for _, tc := range tests {
		if got := internAction(tc.action); (got == a) != tc.same || got == 0 {
			t.Errorf("internAction(%q) = %d, s3:GetObject = %d, same = %v", tc.action, got, a, tc.same)
		}
	}
	if got := internAction("s3:" + strings.Repeat("x", maxIndexedAction)); got != 0 {
		t.Errorf("an over-long action was interned as %d", got)
	}
}

// TestPromotingMapLimit: loads see every stored entry once promoted, and
// the map stops growing at its limit (the caller then goes uncached).
func TestPromotingMapLimit(t *testing.T) {
	t.Parallel()
	var m promotingMap[int, int]
	for i := 0; i < 100; i++ {
		v, ok := m.loadOrStore(i, 50, func() int { return i * 2 })
		if ok != (i < 50) {
			t.Fatalf("store %d: ok = %v", i, ok)
		}
		if ok && v != i*2 {
			t.Fatalf("store %d: value %d", i, v)
		}
	}
	for i := 0; i < 100; i++ {
		v, ok := m.load(i)
		if ok != (i < 50) || ok && v != i*2 {
			t.Fatalf("load %d = %d, %v", i, v, ok)
		}
	}
	if v, ok := m.loadOrStore(7, 50, func() int { return -1 }); !ok || v != 14 {
		t.Fatalf("full map: loadOrStore(7) = %d, %v", v, ok)
	}
}
