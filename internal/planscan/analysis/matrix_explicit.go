package analysis

import "sort"

// explicitIndex maps the targets a principal's explicit groups hold to
// their group. Most principals have a handful (their own trust policy, a
// few resource policies naming them): those are kept as a short list, then
// a map. When a principal is named by a large share of the universe's
// targets (on the 4,600-resource plan with its source every principal is
// named by the 1,000 bucket and object documents, and a map of a thousand
// entries per principal was a fifth of `check --source`, issue 8) the index
// becomes a dense slice over target ids. A dense slice for every principal
// would cost principals x targets (20,000 roles: 20,000 x 20,000 int32,
// issue 14's memory budget), so it is used only when it is the smaller.
type explicitIndex struct {
	ids, gs []int32         // short list: target id, explicit group + 1
	sparse  map[int32]int32 // target id -> explicit group + 1
	group   []int32         // dense: target id -> explicit group + 1; 0: not explicit
	n       int             // targets held
}

// explicitShort is the length of the short list before a map.
const explicitShort = 32

// get returns the explicit group of target id.
func (x *explicitIndex) get(id int) (int32, bool) {
	switch {
	case x.group != nil:
		if id >= len(x.group) || x.group[id] == 0 {
			return 0, false
		}
		return x.group[id] - 1, true
	case x.sparse != nil:
		g, ok := x.sparse[int32(id)]
		return g - 1, ok
	}
	for i, v := range x.ids {
		if int(v) == id {
			return x.gs[i] - 1, true
		}
	}
	return 0, false
}

// has reports whether target id is in an explicit group.
func (x *explicitIndex) has(id int) bool {
	_, ok := x.get(id)
	return ok
}

// set puts target id into group g; targets is the number of targets of the
// universe (the dense slice's length).
func (x *explicitIndex) set(id int, g int32, targets int) {
	switch {
	case x.group != nil:
		if id >= len(x.group) {
			x.group = append(x.group, make([]int32, id+1-len(x.group))...)
		}
		if x.group[id] == 0 {
			x.n++
		}
		x.group[id] = g + 1
		return
	case x.sparse != nil:
		if _, ok := x.sparse[int32(id)]; !ok {
			x.n++
		}
		x.sparse[int32(id)] = g + 1
		if x.n*32 >= targets {
			x.densify(targets)
		}
		return
	}
	for i, v := range x.ids {
		if int(v) == id {
			x.gs[i] = g + 1
			return
		}
	}
	x.ids, x.gs = append(x.ids, int32(id)), append(x.gs, g+1)
	x.n++
	if x.n > explicitShort {
		x.sparse = make(map[int32]int32, 2*x.n)
		for i, v := range x.ids {
			x.sparse[v] = x.gs[i]
		}
		x.ids, x.gs = nil, nil
		if x.n*32 >= targets {
			x.densify(targets)
		}
	}
}

// densify turns the map into the dense slice.
func (x *explicitIndex) densify(targets int) {
	size := targets
	for id := range x.sparse {
		size = max(size, int(id)+1)
	}
	x.group = make([]int32, size)
	for id, g := range x.sparse {
		x.group[id] = g
	}
	x.sparse = nil
}

// len is the number of explicit targets.
func (x *explicitIndex) len() int { return x.n }

// each calls visit for every explicit target, by id.
func (x *explicitIndex) each(visit func(id int, g int32)) {
	if x.n == 0 {
		return
	}
	if x.group != nil {
		for id, g := range x.group {
			if g != 0 {
				visit(id, g-1)
			}
		}
		return
	}
	ids := x.ids
	if x.sparse != nil {
		ids = make([]int32, 0, len(x.sparse))
		for id := range x.sparse {
			ids = append(ids, id)
		}
	} else {
		ids = append([]int32(nil), ids...)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		g, _ := x.get(int(id))
		visit(int(id), g)
	}
}
