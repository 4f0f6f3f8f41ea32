package evaluator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// buildRealisticRequests builds the requests of the realistic batch the way
// planscan eval's decoder (internal/evalcli) lays them out in memory, so
// that BenchmarkDecideRealistic reads request data with the locality real
// callers give it, neither scattered over thousands of small allocations
// nor warmer than real:
//   - every string of every request (action, resource, resource account,
//     context keys and values) is a slice of one contiguous text, in
//     document order, as evalcli's strings alias its input buffer;
//   - the context keys are set in document order, each context sized first
//     with Grow and GrowValues (one allocation for its entries, one for
//     its values), as evalcli's decodeContext does;
//   - a principal text is parsed once and its parse shared, as evalcli's
//     principalCache does.
//
// Unlike planscan eval, which decides each request right after decoding it
// (its data then still in cache), the benchmark decides all 10,000 after
// building them, so each request's data is read cold.
func buildRealisticRequests(tb testing.TB, in []batchRequest) []Request {
	tb.Helper()
	type span struct{ start, end int }
	type keySpans struct {
		key    span
		values []span
		list   bool
	}
	type reqSpans struct {
		action, resource, account span
		ctx                       []keySpans
	}
	var text []byte
	add := func(s string) span {
		start := len(text)
		text = append(text, s...)
		return span{start, len(text)}
	}
	spans := make([]reqSpans, len(in))
	for i, r := range in {
		sp := &spans[i]
		sp.action, sp.resource, sp.account = add(r.Action), add(r.Resource), add(r.ResourceAccount)
		if err := forEachContextKey(r.Context, func(key string, values []string, list bool) {
			ks := keySpans{key: add(key), list: list}
			for _, v := range values {
				ks.values = append(ks.values, add(v))
			}
			sp.ctx = append(sp.ctx, ks)
		}); err != nil {
			tb.Fatal(err)
		}
	}
	all := string(text) // one allocation, as the input buffer is
	str := func(s span) string { return all[s.start:s.end] }

	principals := map[string]Principal{}
	out := make([]Request, len(in))
	for i, r := range in {
		p, ok := principals[r.Principal]
		if !ok {
			var err error
			if p, err = ParsePrincipal(r.Principal); err != nil {
				tb.Fatal(err)
			}
			principals[r.Principal] = p
		}
		sp := &spans[i]
		req := &out[i]
		req.Principal = p
		req.Action, req.Resource, req.ResourceAccount = str(sp.action), str(sp.resource), str(sp.account)
		values := 0
		for _, k := range sp.ctx {
			values += len(k.values)
		}
		req.Context.Grow(len(sp.ctx))
		req.Context.GrowValues(values)
		for _, k := range sp.ctx {
			if !k.list {
				req.Context.Set(str(k.key), str(k.values[0]))
				continue
			}
			list := req.Context.ListBuffer(len(k.values))
			for _, v := range k.values {
				list = append(list, str(v))
			}
			req.Context.SetList(str(k.key), list)
		}
	}
	return out
}

// forEachContextKey calls fn for each key of a request's context object in
// document order, with its values as text (fmt.Sprint of the decoded JSON
// value) and whether they came as a list.
func forEachContextKey(raw json.RawMessage, fn func(key string, values []string, list bool)) error {
	if len(raw) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		var list []any
		if json.Unmarshal(v, &list) == nil {
			vals := make([]string, len(list))
			for i, e := range list {
				vals[i] = fmt.Sprint(e)
			}
			fn(key, vals, true)
			continue
		}
		var one any
		if err := json.Unmarshal(v, &one); err != nil {
			return err
		}
		fn(key, []string{fmt.Sprint(one)}, false)
	}
	return nil
}
