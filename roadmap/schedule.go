package roadmap

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
)

// Resources are what activities hold while they run (design §5, roadmap v2): delivery teams
// for builds and upgrades, and each owner's capacity for raises, pilots and scale-ups.
type Resources struct {
	// Teams is how many delivery teams there are (builds and upgrades at once).
	Teams int
	// Capacity is, per owner, how many of its raises, pilots and scale-ups run at once;
	// owners not listed have DefaultCapacity.
	Capacity        map[string]int
	DefaultCapacity int
}

// Unlimited is a Resources value under which nothing waits for a team or capacity.
var Unlimited = Resources{Teams: 1 << 30, DefaultCapacity: 1 << 30}

// Of returns how many units of resource key ("team" or "owner:<id>") exist.
func (r Resources) Of(key string) int {
	if key == ResourceTeam {
		return r.Teams
	}
	if o, ok := strings.CutPrefix(key, "owner:"); ok {
		if c, ok := r.Capacity[o]; ok {
			return c
		}
	}
	return r.DefaultCapacity
}

// ResourceTeam is the resource key of the delivery teams.
const ResourceTeam = "team"

// Resource returns the key of what the activity holds while it runs ("" for nothing).
func (a *Activity) Resource() string {
	switch a.Holds {
	case HoldsTeam:
		return ResourceTeam
	case HoldsOwner:
		return "owner:" + a.Owner
	}
	return ""
}

// How an activity's start was fixed (Activity.FixedHow).
const (
	FixedByDependency = "dependency" // a predecessor ended
	FixedByGate       = "gate"       // a readiness gate (raise or assessment) ended
	FixedByResource   = "resource"   // an activity ended and freed the team or capacity
)

// Schedule places every activity (design §5, roadmap v2): integer months from 0, end
// exclusive. Activities are placed one at a time in priority order (in progress first, then
// service rank, latest start and id, each after all its predecessors), each at the earliest
// month when its predecessors have ended and its resource (a delivery team, a unit of its
// owner's capacity, or nothing) has a free unit for its whole duration. So the top service's
// work starts as early as its dependencies allow, and lower-priority work fills the gaps. It
// sets Start, End, Phase and, for each activity, what fixed its start. A dependency cycle is an
// error naming it.
func Schedule(acts []Activity, res Resources) error {
	if res.Teams < 1 {
		return fmt.Errorf("workstreams must be 1 or more, got %d", res.Teams)
	}
	if res.DefaultCapacity < 1 {
		res.DefaultCapacity = DefaultCapacity
	}
	n := len(acts)
	if n > MaxActivities {
		return fmt.Errorf("%d activities; at most %d can be scheduled", n, MaxActivities)
	}
	idx := make(map[string]int, n)
	for i, a := range acts {
		if a.Months < 0 || a.Months > MaxMonths {
			return fmt.Errorf("activity %s lasts %d months; it must be 0..%d", a.ID, a.Months, MaxMonths)
		}
		if _, dup := idx[a.ID]; dup {
			return fmt.Errorf("two activities have the id %q", a.ID)
		}
		idx[a.ID] = i
	}
	deps := make([][]int, n)
	succ := make([][]int, n)
	indeg := make([]int, n)
	for i, a := range acts {
		for _, d := range a.DependsOn {
			j, ok := idx[d]
			if !ok {
				return fmt.Errorf("activity %s depends on %q, which is not in the plan", a.ID, d)
			}
			deps[i] = append(deps[i], j)
			succ[j] = append(succ[j], i)
			indeg[i]++
		}
	}
	if cyc := findCycle(acts, deps); cyc != nil {
		return fmt.Errorf("dependency cycle: %s", strings.Join(cyc, " → "))
	}
	// One pool per resource, looked up once per activity.
	pools := map[string]*pool{}
	poolOf := make([]*pool, n)
	for i := range acts {
		if key := acts[i].Resource(); key != "" && acts[i].Months > 0 {
			pl := pools[key]
			if pl == nil {
				pl = &pool{units: max(res.Of(key), 1)}
				pools[key] = pl
			}
			poolOf[i] = pl
		}
	}
	eligible := &prioHeap{acts: acts}
	for i := range acts {
		if indeg[i] == 0 {
			heap.Push(eligible, i)
		}
	}
	placed := 0
	for eligible.Len() > 0 {
		i := heap.Pop(eligible).(int)
		a := &acts[i]
		t0, by := 0, -1
		for _, j := range deps[i] {
			if e := acts[j].End; e > t0 || (e == t0 && by >= 0 && acts[j].ID < acts[by].ID) {
				t0, by = e, j
			}
		}
		t := t0
		pl := poolOf[i]
		if pl != nil {
			t = pl.earliest(t0, a.Months)
			pl.take(t, a.Months)
		}
		a.Start, a.End = t, t+a.Months
		a.FixedBy, a.FixedHow = "", ""
		switch {
		case t == 0:
		case t == t0 && by >= 0:
			a.FixedBy, a.FixedHow = acts[by].ID, FixedByDependency
			if contains(a.Gates, acts[by].ID) {
				a.FixedHow = FixedByGate
			}
		case pl != nil:
			if freed := pl.endedAt(acts, t); freed >= 0 {
				a.FixedBy, a.FixedHow = acts[freed].ID, FixedByResource
			}
		}
		if pl != nil {
			pl.ended(i, a.End)
		}
		placed++
		for _, s := range succ[i] {
			indeg[s]--
			if indeg[s] == 0 {
				heap.Push(eligible, s)
			}
		}
	}
	if placed < n {
		return fmt.Errorf("could not schedule every activity (internal error)")
	}
	for i := range acts {
		acts[i].Phase = acts[i].Start/12 + 1
	}
	return nil
}

// pool is one resource's use month by month.
type pool struct {
	units int
	used  []int   // units in use, by month
	skip  []int   // union-find over full months: skip[m] leads to a later month (m itself when not full)
	ends  [][]int // activities holding the resource, by end month
}

// free returns the first month ≥ m that is not full.
func (p *pool) free(m int) int {
	root := m
	for root < len(p.skip) && p.skip[root] != root {
		root = p.skip[root]
	}
	for m < len(p.skip) && p.skip[m] != m { // path compression
		m, p.skip[m] = p.skip[m], root
	}
	return root
}

// earliest returns the first month ≥ from at which a unit is free for months months.
func (p *pool) earliest(from, months int) int {
	t := p.free(max(from, 0))
	for k := 0; k < months; k++ {
		if m := t + k; m < len(p.used) && p.used[m] >= p.units {
			t, k = p.free(m+1), -1
		}
	}
	return t
}

// take holds one unit from month t for months months.
func (p *pool) take(t, months int) {
	for len(p.used) < t+months {
		p.skip = append(p.skip, len(p.used))
		p.used = append(p.used, 0)
	}
	for m := t; m < t+months; m++ {
		p.used[m]++
		if p.used[m] >= p.units {
			p.skip[m] = m + 1
		}
	}
}

// ended records that activity i, holding the resource, ends at month end.
func (p *pool) ended(i, end int) {
	for len(p.ends) <= end {
		p.ends = append(p.ends, nil)
	}
	p.ends[end] = append(p.ends[end], i)
}

// endedAt returns the activity (smallest id) holding the resource that ended at month t, or -1.
func (p *pool) endedAt(acts []Activity, t int) int {
	best := -1
	if t < len(p.ends) {
		for _, j := range p.ends[t] {
			if best < 0 || acts[j].ID < acts[best].ID {
				best = j
			}
		}
	}
	return best
}

// criticalChain walks back from the activity that ends last through whatever fixed each start
// (a predecessor, a gate, or the activity whose end freed the team or capacity), marks those
// activities critical and returns their ids, first to last.
func criticalChain(acts []Activity) []string {
	if len(acts) == 0 {
		return nil
	}
	idx := make(map[string]int, len(acts))
	last := 0
	for i, a := range acts {
		idx[a.ID] = i
		acts[i].Critical = false
		if a.End > acts[last].End || (a.End == acts[last].End && a.ID < acts[last].ID) {
			last = i
		}
	}
	var chain []string
	seen := map[int]bool{}
	for i := last; i >= 0 && !seen[i]; {
		seen[i] = true
		acts[i].Critical = true
		chain = append(chain, acts[i].ID)
		j, ok := idx[acts[i].FixedBy]
		if !ok {
			break
		}
		i = j
	}
	for l, r := 0, len(chain)-1; l < r; l, r = l+1, r-1 {
		chain[l], chain[r] = chain[r], chain[l]
	}
	return chain
}

// findCycle returns a dependency cycle as ids (first repeated last), or nil.
func findCycle(acts []Activity, deps [][]int) []string {
	color := make([]byte, len(acts))
	var stack []int
	var found []string
	var visit func(i int) bool
	visit = func(i int) bool {
		color[i] = 1
		stack = append(stack, i)
		ds := append([]int(nil), deps[i]...)
		sort.Slice(ds, func(a, b int) bool { return acts[ds[a]].ID < acts[ds[b]].ID })
		for _, j := range ds {
			if color[j] == 1 {
				for k, s := range stack {
					if s == j {
						for _, c := range stack[k:] {
							found = append(found, acts[c].ID)
						}
						found = append(found, acts[j].ID)
						return true
					}
				}
			}
			if color[j] == 0 && visit(j) {
				return true
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = 2
		return false
	}
	order := make([]int, len(acts))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return acts[order[a]].ID < acts[order[b]].ID })
	for _, i := range order {
		if color[i] == 0 && visit(i) {
			return found
		}
	}
	return nil
}

// topoOrder returns the activities' indexes with every activity after its predecessors.
func topoOrder(n int, deps [][]int) []int {
	indeg := make([]int, n)
	succ := make([][]int, n)
	for i := 0; i < n; i++ {
		for _, j := range deps[i] {
			succ[j] = append(succ[j], i)
			indeg[i]++
		}
	}
	var queue, order []int
	for i := 0; i < n; i++ {
		if indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		order = append(order, i)
		for _, s := range succ[i] {
			indeg[s]--
			if indeg[s] == 0 {
				queue = append(queue, s)
			}
		}
	}
	return order
}

// prioHeap orders ready activity indexes: pinned first, then service rank, then latest start,
// then id (design §5 order).
type prioHeap struct {
	acts  []Activity
	items []int
}

func (h prioHeap) Len() int { return len(h.items) }
func (h prioHeap) Less(i, j int) bool {
	a, b := &h.acts[h.items[i]], &h.acts[h.items[j]]
	if a.Pinned != b.Pinned {
		return a.Pinned
	}
	if a.Rank != b.Rank {
		return a.rankKey() < b.rankKey()
	}
	if a.LatestStart != b.LatestStart {
		return a.LatestStart < b.LatestStart
	}
	return a.ID < b.ID
}
func (h prioHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *prioHeap) Push(x any)   { h.items = append(h.items, x.(int)) }
func (h *prioHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// rankKey is the activity's service rank for ordering: no rank (0) goes last.
func (a *Activity) rankKey() int {
	if a.Rank <= 0 {
		return 1 << 30
	}
	return a.Rank
}

// prioritise sets each activity's Rank (the best rank of the services that need it, passed
// back from pilots and scale-ups to everything they wait for) and LatestStart (a backward pass
// without resources against the plan end and each activity's due month).
func prioritise(acts []Activity) {
	n := len(acts)
	idx := make(map[string]int, n)
	for i := range acts {
		idx[acts[i].ID] = i
	}
	deps := make([][]int, n)
	for i := range acts {
		for _, d := range acts[i].DependsOn {
			if j, ok := idx[d]; ok {
				deps[i] = append(deps[i], j)
			}
		}
	}
	order := topoOrder(n, deps)
	if len(order) < n {
		return // a cycle: Schedule reports it
	}
	// Forward pass without resources: the end the dependencies alone allow.
	ef := make([]int, n)
	end := 0
	for _, i := range order {
		es := 0
		for _, j := range deps[i] {
			es = max(es, ef[j])
		}
		ef[i] = es + acts[i].Months
		end = max(end, ef[i])
	}
	// Backward pass: latest finish = min(plan end, due month, successors' latest start). The
	// plan end is the later of what the dependencies need and the last due date, so a due date
	// always ranks work against other due dates, even when the dependencies alone end sooner.
	for i := range acts {
		if acts[i].hasDue {
			end = max(end, acts[i].due)
		}
	}
	lf := make([]int, n)
	for i := range lf {
		lf[i] = end
		if acts[i].hasDue {
			lf[i] = min(lf[i], acts[i].due)
		}
	}
	for k := n - 1; k >= 0; k-- {
		i := order[k]
		acts[i].LatestStart = lf[i] - acts[i].Months
		for _, j := range deps[i] {
			lf[j] = min(lf[j], acts[i].LatestStart)
			if r := acts[i].Rank; r > 0 && (acts[j].Rank == 0 || r < acts[j].Rank) {
				acts[j].Rank = r
			}
		}
	}
}
