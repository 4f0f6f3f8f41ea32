package evaluator

// Policy variables (VA-1..VA-6) are never substituted into a new string:
// a pattern is compiled into pieces (pattern text, literal text, variable
// references) and globPieces matches the pieces against the request string
// directly, so evaluation does not allocate.

type pieceKind uint8

const (
	pieceGlob pieceKind = iota // pattern text: `*` and `?` are wildcards (in Like/ARN/Resource patterns)
	pieceLit                   // literal text: ${*} ${?} ${$}, and all text of the Equals operators
	pieceVar                   // ${key} or ${key, 'default'}
	pieceBad                   // a malformed variable (VA-3): could stand for anything
)

type globPiece struct {
	kind pieceKind
	text string // glob/literal text, or the default of a variable
	slot uint8  // pieceVar: index of the variable's binding
	def  bool   // pieceVar: a default was given
	res  bool   // the piece lies after the pattern's 5th colon (RS-3.4)
}

// maxVarSlots bounds the distinct variables of one matcher; bindings live in
// a fixed array on the stack. Further variables bind as unknown (fail closed).
const maxVarSlots = 16

type bindState uint8

const (
	bindUnset bindState = iota // key absent, multivalued, or not exactly one value (VA-4)
	bindText                   // a known single value
	bindAny                    // an unknown value (PT-1): the variable could be anything
)

type varBind struct {
	state bindState
	text  string
	u     *Unknown // bindAny
}

type varBinds [maxVarSlots]varBind

// noBinds serves matchers without variables (never written).
var noBinds varBinds

// varSlots maps the distinct variable keys of one matcher to binding slots.
type varSlots struct {
	keys  []string
	folds []uint64 // foldHash of each key
	ids   []uint32 // internCondKey of each key
}

func (vs *varSlots) slot(key string) (uint8, bool) {
	for i, k := range vs.keys {
		if equalFoldASCII(k, key) { // VA-3: key names are case-insensitive
			return uint8(i), true
		}
	}
	if len(vs.keys) >= maxVarSlots {
		return 0, false
	}
	vs.keys = append(vs.keys, key)
	vs.folds = append(vs.folds, foldHash(key))
	vs.ids = append(vs.ids, internCondKey(key))
	return uint8(len(vs.keys) - 1), true
}

// bind resolves every slot against the request context.
func (vs *varSlots) bind(e *evalEnv, b *varBinds) {
	for i, k := range vs.keys {
		b[i] = bindVariable(e, k, vs.folds[i], vs.ids[i])
	}
}

// bindings binds the slots in the decision's scratch array (matchers do not
// nest, so one array serves them all; a matcher reads only its own slots).
func (vs *varSlots) bindings(e *evalEnv) *varBinds {
	if len(vs.keys) == 0 {
		return &noBinds
	}
	vs.bind(e, &e.binds)
	e.bound = true
	return &e.binds
}

// bindVariable resolves one variable; h is foldHash(key), id
// internCondKey(key).
func bindVariable(e *evalEnv, key string, h uint64, id uint32) varBind {
	cv := e.lookupKey(key, h, id)
	switch {
	case cv == nil:
		return varBind{}
	case cv.Unknown != nil:
		return varBind{state: bindAny, u: cv.Unknown}
	case cv.Multi || len(cv.Values) != 1:
		// VA-4: "You can't use a multivalued condition key as a variable".
		return varBind{}
	}
	return varBind{state: bindText, text: cv.Values[0]}
}

// compilePieces splits s into pieces. Variables are recognised only when
// varsEnabled (VA-1) and only from byte index varsFrom on (after the 5th
// colon in Resource, VA-2); earlier `${` is literal pattern text. When
// wildcards is false, all pattern text is literal (Equals operators).
// resFrom is the index where the resource part starts (RS-3.4), or -1.
func compilePieces(s string, varsEnabled bool, varsFrom, resFrom int, wildcards bool, vs *varSlots) []globPiece {
	textKind := pieceGlob
	if !wildcards {
		textKind = pieceLit
	}
	var out []globPiece
	add := func(kind pieceKind, text string, start int) {
		res := resFrom >= 0 && start >= resFrom
		if kind != pieceVar && kind != pieceBad && text == "" {
			return
		}
		// Split text pieces at resFrom so each piece is wholly on one side.
		if (kind == pieceGlob || kind == pieceLit) && resFrom >= 0 && start < resFrom && start+len(text) > resFrom {
			cut := resFrom - start
			out = append(out, globPiece{kind: kind, text: text[:cut]})
			out = append(out, globPiece{kind: kind, text: text[cut:], res: true})
			return
		}
		out = append(out, globPiece{kind: kind, text: text, res: res})
	}
	start := 0
	i := 0
	if varsEnabled && varsFrom >= 0 {
		i = varsFrom
	} else {
		i = len(s)
	}
	for i < len(s) {
		if s[i] != '$' || i+1 >= len(s) || s[i+1] != '{' {
			i++
			continue
		}
		add(textKind, s[start:i], start)
		v := parseVariableRef(s, i)
		switch {
		case v.bad:
			add(pieceBad, "", i)
		case v.name == "*" || v.name == "?" || v.name == "$":
			// VA-3: literal characters that never act as wildcards.
			add(pieceLit, v.name, i)
		default:
			slot, ok := vs.slot(v.name)
			if !ok {
				add(pieceBad, "", i)
			} else {
				out = append(out, globPiece{kind: pieceVar, text: v.def, def: v.hasDef, slot: slot, res: true})
			}
		}
		i = v.end
		start = i
	}
	add(textKind, s[start:], start)
	return out
}

type variableRef struct {
	name   string
	def    string
	hasDef bool
	end    int
	bad    bool
}

// parseVariableRef reads `${key}` or `${key, 'default'}` at s[start:]
// (VA-3), with the same grammar as the validator: a key is letters,
// digits and `:/_.-+=@`, or one of `*` `?` `$`; anything else is
// malformed (the validator reports E2; matching treats it as unknown).
func parseVariableRef(s string, start int) variableRef {
	v := variableRef{}
	k := start + 2
	if k+1 < len(s) && s[k+1] == '}' && (s[k] == '*' || s[k] == '?' || s[k] == '$') {
		// ${*} ${?} ${$}: checked first, as `$` would end the name below.
		v.name, v.end = s[k:k+1], k+2
		return v
	}
	for k < len(s) && s[k] != '}' && s[k] != ',' && s[k] != '$' {
		k++
	}
	v.name = s[start+2 : k]
	switch {
	case k >= len(s) || s[k] == '$':
		v.end, v.bad = k, true
		return v
	case s[k] == '}':
		v.end = k + 1
	default:
		rest := s[k:]
		if len(rest) < 3 || rest[:3] != ", '" {
			v.end, v.bad = k+1, true
			return v
		}
		q := -1
		for j := k + 3; j < len(s); j++ {
			if s[j] == '\'' {
				q = j
				break
			}
		}
		if q < 0 {
			v.end, v.bad = len(s), true
			return v
		}
		if q+1 >= len(s) || s[q+1] != '}' {
			v.end, v.bad = q+1, true
			return v
		}
		v.def, v.hasDef, v.end = s[k+3:q], true, q+2
	}
	switch v.name {
	case "":
		v.bad = true
	case "*", "?", "$":
		v.bad = v.hasDef
	default:
		for i := 0; i < len(v.name); i++ {
			c := v.name[i]
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			for j := 0; !ok && j < len(varKeyPunct); j++ {
				ok = c == varKeyPunct[j]
			}
			if !ok {
				v.bad = true
				break
			}
		}
	}
	return v
}

const varKeyPunct = ":/_.-+=@"

// piecesHaveVars reports whether any piece depends on the request.
func piecesHaveVars(ps []globPiece) bool {
	for i := range ps {
		if ps[i].kind == pieceVar || ps[i].kind == pieceBad {
			return true
		}
	}
	return false
}

// ---- the piecewise matcher ----
