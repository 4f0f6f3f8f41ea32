package analysis

// explicitIndex maps the targets a principal's explicit groups hold to
// their group. It is a dense slice over the universe's target ids, not a
// map: on the 4,600-resource plan with its source every principal is named
// by the 1,000 bucket and object documents, and a map of a thousand entries
// per principal was a fifth of `check --source` (issue 8).
type explicitIndex struct {
	group []int32 // target id -> explicit group + 1; 0: not explicit
	n     int     // targets held
}

// get returns the explicit group of target id.
func (x *explicitIndex) get(id int) (int32, bool) {
	if id >= len(x.group) || x.group[id] == 0 {
		return 0, false
	}
	return x.group[id] - 1, true
}

// has reports whether target id is in an explicit group.
func (x *explicitIndex) has(id int) bool {
	return id < len(x.group) && x.group[id] != 0
}

// set puts target id into group g; targets is the number of targets of the
// universe (the slice's length, allocated on the first set).
func (x *explicitIndex) set(id int, g int32, targets int) {
	if x.group == nil {
		x.group = make([]int32, max(targets, id+1))
	}
	if x.group[id] == 0 {
		x.n++
	}
	x.group[id] = g + 1
}

// len is the number of explicit targets.
func (x *explicitIndex) len() int { return x.n }

// each calls visit for every explicit target, by id.
func (x *explicitIndex) each(visit func(id int, g int32)) {
	if x.n == 0 {
		return
	}
	for id, g := range x.group {
		if g != 0 {
			visit(id, g-1)
		}
	}
}
