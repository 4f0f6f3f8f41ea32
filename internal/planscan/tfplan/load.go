package tfplan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// MaxPlanSize is the largest plan file Load accepts (1 GiB). A plan of
// 4,600 resource changes is about 7 MB, so this leaves room for very large
// configurations while refusing to read an arbitrary stream into memory.
const MaxPlanSize = 1 << 30

// Sentinel errors of Load and LoadBytes; compare with errors.Is.
var (
	ErrNotPlan           = errors.New("not a terraform plan")
	ErrStateFile         = errors.New("this is a state file, not a plan")
	ErrUnsupportedFormat = errors.New("unsupported plan format version")
	ErrInvalidJSON       = errors.New("invalid JSON")
	ErrTooLarge          = errors.New("plan file too large")
	ErrBinaryPlan        = errors.New("binary plan file")
	// ErrErroredPlan: "errored": true, terraform plan failed part way and
	// the plan is incomplete. LoadWith accepts it with AllowErrored.
	ErrErroredPlan = errors.New("the plan is errored (terraform plan failed; its planned values are incomplete)")
)

// LoadOptions configure LoadWith and LoadBytesWith.
type LoadOptions struct {
	// AllowErrored accepts a plan with "errored": true (Info.Errored is
	// then set); by default such a plan is refused with ErrErroredPlan.
	AllowErrored bool
}

// Info is what loading learns about a plan beyond tfjson.Plan.
type Info struct {
	Errored bool // "errored": true (accepted under AllowErrored)
	// State: the input is the `terraform show -json` of a state, not of a
	// plan. The returned plan holds it as its prior state and changes
	// nothing, so both sides are the deployed state, every value known.
	State bool
}

// LoadError is an error reading a plan: it names the file and, when known,
// the byte offset (with line and column) or the JSON path of the problem.
type LoadError struct {
	File   string
	Offset int64 // byte offset of the problem, -1 when unknown
	Line   int
	Column int
	Path   string // JSON path such as resource_changes.change, "" when unknown
	Err    error
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Offset >= 0 {
		fmt.Fprintf(&b, ":%d:%d (byte %d)", e.Line, e.Column, e.Offset)
	}
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *LoadError) Unwrap() error { return e.Err }

// Load reads a plan file: the JSON of `terraform show -json <planfile>`, or
// a binary plan file, which it converts by running `terraform show -json`
// (or `tofu show -json`) in the file's directory when one is on PATH.
//
// An errored plan is refused (ErrErroredPlan); see LoadWith.
func Load(path string) (*tfjson.Plan, error) {
	p, _, err := LoadWith(path, LoadOptions{})
	return p, err
}

// LoadWith is Load with options.
func LoadWith(path string, o LoadOptions) (*tfjson.Plan, Info, error) {
	f, err := inputlimit.Open(path) // a FIFO without a writer never blocks; directories are refused
	if err != nil {
		return nil, Info{}, fmt.Errorf("read plan: %w", err)
	}
	defer f.Close()
	data, err := readAll(f)
	if err != nil {
		return nil, Info{}, fmt.Errorf("read plan %s: %w", path, err)
	}
	if isZip(data) {
		js, err := showBinaryPlan(path)
		if err != nil {
			return nil, Info{}, &LoadError{File: path, Offset: -1, Err: fmt.Errorf("%w: %w", ErrBinaryPlan, err)}
		}
		data = js
	}
	return LoadBytesWith(path, data, o)
}

// readAll reads at most MaxPlanSize+1 bytes of f into a buffer sized from
// the file's size when it tells one (io.ReadAll's growth would copy and
// clear a 7 MB plan several times; issue 8).
func readAll(f io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if st, ok := f.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && fi.Size() <= MaxPlanSize {
			buf.Grow(int(fi.Size()) + bytes.MinRead)
		}
	}
	_, err := buf.ReadFrom(io.LimitReader(f, MaxPlanSize+1))
	return buf.Bytes(), err
}

// LoadBytes decodes the JSON of `terraform show -json <planfile>`. name is
// used in error messages (usually the file name). It never panics. An
// errored plan is refused (ErrErroredPlan).
func LoadBytes(name string, data []byte) (*tfjson.Plan, error) {
	p, _, err := LoadBytesWith(name, data, LoadOptions{})
	return p, err
}

// LoadBytesWith is LoadBytes with options.
func LoadBytesWith(name string, data []byte, o LoadOptions) (*tfjson.Plan, Info, error) {
	plan, state, errored, err := loadBytes(name, data)
	if err != nil {
		return nil, Info{}, err
	}
	if state {
		return plan, Info{State: true}, nil
	}
	var info Info
	switch v := string(bytes.TrimSpace(errored)); v {
	case "", "null", "false":
	case "true":
		info.Errored = true
		if !o.AllowErrored {
			return nil, info, &LoadError{File: name, Offset: -1, Path: "errored",
				Err: fmt.Errorf("%w; fix the plan, or pass --allow-errored-plan to analyse what it holds", ErrErroredPlan)}
		}
	default:
		var got any
		_ = json.Unmarshal(errored, &got)
		return nil, info, &LoadError{File: name, Offset: -1, Path: "errored",
			Err: fmt.Errorf("%w: errored is %s, expected a boolean", ErrMalformed, JSONType(got))}
	}
	return plan, info, nil
}

// loadBytes decodes a plan, or the `terraform show -json` of a state as a
// plan that changes nothing (state is then true; see loadState). errored is
// the plan's "errored" value as written (nil: no such key).
func loadBytes(name string, data []byte) (_ *tfjson.Plan, state bool, errored json.RawMessage, _ error) {
	fail := func(err error) error { return &LoadError{File: name, Offset: -1, Err: err} }
	if len(data) > MaxPlanSize {
		return nil, false, nil, fail(fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxPlanSize))
	}
	if isZip(data) {
		return nil, false, nil, fail(fmt.Errorf("%w: convert it with `terraform show -json %s > plan.json` in its working directory", ErrBinaryPlan, name))
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, false, nil, fail(fmt.Errorf("%w: the file is empty", ErrNotPlan))
	}
	if trimmed[0] != '{' {
		// Check the syntax first, so that truncated or garbled input reports
		// where it breaks rather than "not an object".
		if err := json.Unmarshal(data, new(json.RawMessage)); err != nil {
			return nil, false, nil, jsonError(name, data, err)
		}
		return nil, false, nil, fail(fmt.Errorf("%w: the top-level JSON value is not an object", ErrNotPlan))
	}
	plan, err := decodePlan(data)
	if err != nil {
		return nil, false, nil, decodeError(name, data)
	}
	if plan.ResourceChanges == nil && plan.PlannedValues == nil && plan.PriorState == nil && plan.Config == nil {
		// No plan section: the output of `terraform show -json` of a
		// state (read as a plan that changes nothing), or not a plan.
		var p probe
		if err := json.Unmarshal(data, &p); err == nil && isStateShow(p) {
			plan, err := loadState(name, data, *p.FormatVersion)
			return plan, err == nil, nil, err
		}
		return nil, false, nil, classify(name, data, nil)
	}
	p, want, got, errored := checkShape(data)
	if p != "" {
		return nil, false, nil, &LoadError{File: name, Offset: -1, Path: p, Err: fmt.Errorf("%w: %s is %s, expected %s", ErrMalformed, p, JSONType(got), want)}
	}
	return plan, false, errored, nil
}

// decodeError is the located error of decoding data, which is not a valid
// plan: json.Unmarshal's, as before the single-pass decoding of loadBytes.
func decodeError(name string, data []byte) error {
	var plan tfjson.Plan
	err := json.Unmarshal(data, &plan)
	if err == nil {
		return &LoadError{File: name, Offset: -1, Err: fmt.Errorf("%w: the document does not decode consistently", ErrInvalidJSON)}
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) {
		return jsonError(name, data, err)
	}
	// tfjson's own validation (format version): classify with a probe.
	return classify(name, data, err)
}

// probe holds the top-level keys that tell plans, `terraform show -json`
// state output and raw state files apart.
type probe struct {
	FormatVersion   *string         `json:"format_version"`
	Version         json.RawMessage `json:"version"`
	Values          json.RawMessage `json:"values"`
	Resources       json.RawMessage `json:"resources"`
	ResourceChanges json.RawMessage `json:"resource_changes"`
	PlannedValues   json.RawMessage `json:"planned_values"`
}

func classify(name string, data []byte, decodeErr error) error {
	fail := func(err error) error { return &LoadError{File: name, Offset: -1, Err: err} }
	var p probe
	if err := json.Unmarshal(data, &p); err != nil {
		return jsonError(name, data, err)
	}
	switch {
	case p.FormatVersion == nil && p.Version != nil && p.Resources != nil:
		return fail(fmt.Errorf("%w (a raw terraform.tfstate); give the output of `terraform show -json <planfile>`, or of `terraform show -json` (no plan file) to read the deployed state", ErrStateFile))
	case p.FormatVersion == nil:
		return fail(fmt.Errorf("%w: format_version is missing", ErrNotPlan))
	case !supportedFormat(*p.FormatVersion):
		return &LoadError{File: name, Offset: -1, Path: "format_version",
			Err: fmt.Errorf("%w %q: planscan reads format 0.1 to 1.x (Terraform 0.12 and later)", ErrUnsupportedFormat, *p.FormatVersion)}
	case decodeErr != nil:
		var ps struct {
			PriorState *struct {
				FormatVersion *string `json:"format_version"`
			} `json:"prior_state"`
		}
		if json.Unmarshal(data, &ps) == nil && ps.PriorState != nil && ps.PriorState.FormatVersion == nil {
			return &LoadError{File: name, Offset: -1, Path: "prior_state.format_version", Err: fmt.Errorf("%w: %w", ErrNotPlan, decodeErr)}
		}
		return fail(fmt.Errorf("%w: %w", ErrNotPlan, decodeErr))
	}
	return fail(fmt.Errorf("%w: none of resource_changes, planned_values, prior_state, configuration is present", ErrNotPlan))
}

// supportedFormat accepts "0.1" .. "1.x" (tfjson accepts >= 0.1, < 2.0).
func supportedFormat(v string) bool {
	major, minor, ok := strings.Cut(v, ".")
	if !ok || minor == "" || !allDigits(minor) {
		return false
	}
	switch major {
	case "0":
		return minor != "0" && strings.Trim(minor, "0") != ""
	case "1":
		return true
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// jsonError turns an encoding/json error into a LoadError with the offset,
// line and column, and the JSON path for type errors.
func jsonError(name string, data []byte, err error) error {
	le := &LoadError{File: name, Offset: -1, Err: fmt.Errorf("%w: %w", ErrInvalidJSON, err)}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// encoding/json counts the offending byte as read: point at it.
		le.Offset = syn.Offset - 1
		if syn.Offset >= int64(len(data)) && strings.Contains(syn.Error(), "unexpected end") {
			le.Offset = int64(len(data))
			le.Err = fmt.Errorf("%w: the file is truncated (ends after %d bytes)", ErrInvalidJSON, len(data))
		}
		if le.Offset < 0 {
			le.Offset = 0
		}
	case errors.As(err, &typ):
		le.Offset = typ.Offset
		le.Path = typ.Field
		le.Err = fmt.Errorf("%w: %s is a JSON %s, expected %s", ErrInvalidJSON, fieldOrRoot(typ.Field), typ.Value, typ.Type)
	}
	if le.Offset >= 0 {
		le.Line, le.Column = evaluator.LineColumn(data, int(le.Offset))
	}
	return le
}

func fieldOrRoot(f string) string {
	if f == "" {
		return "the value"
	}
	return f
}
