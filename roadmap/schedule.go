package roadmap

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
)

// Schedule places every activity (design §5): integer months from 0, end exclusive; each
// running activity holds one of the workstreams; an activity starts at the earliest month when
// all its dependencies have ended and a workstream is free, ties going to the smaller id
// (activities already in progress, Pinned, go first). It
// also sets waves (1 + the longest dependency chain leading to the activity) and, for each
// activity, which predecessor fixed its start. A dependency cycle is an error naming it.
func Schedule(acts []Activity, workstreams int) error {
	if workstreams < 1 {
		return fmt.Errorf("workstreams must be 1 or more, got %d", workstreams)
	}
	n := len(acts)
	idx := make(map[string]int, n)
	for i, a := range acts {
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

	// Event-driven list scheduling: at each month t, finish what ends at t (releasing its
	// successors), then start ready activities in id order while workstreams are free.
	readyBy := make([]int, n) // the dependency whose end made the activity ready (-1: none)
	remaining := append([]int(nil), indeg...)
	avail := &idHeap{acts: acts}    // ready, by id
	running := &endHeap{acts: acts} // started, by end then id
	for i := range acts {
		readyBy[i] = -1
		if indeg[i] == 0 {
			heap.Push(avail, i)
		}
	}
	freedBy := -1 // the first activity (by id) that ended at the current month
	for t, done := 0, 0; done < n; {
		freedBy = -1
		for running.Len() > 0 && acts[running.items[0]].End <= t {
			j := heap.Pop(running).(int)
			done++
			if freedBy < 0 {
				freedBy = j
			}
			for _, s := range succ[j] {
				// Ends are processed in (end, id) order, so the last one to raise readyAt is
				// the latest-ending dependency with the smallest id.
				if readyBy[s] < 0 || acts[j].End > acts[readyBy[s]].End {
					readyBy[s] = j
				}
				remaining[s]--
				if remaining[s] == 0 {
					heap.Push(avail, s)
				}
			}
		}
		started := false
		for avail.Len() > 0 && running.Len() < workstreams {
			i := heap.Pop(avail).(int)
			a := &acts[i]
			a.Start, a.End = t, t+a.Months
			a.FixedBy = ""
			switch {
			case t == 0:
			case readyBy[i] >= 0 && acts[readyBy[i]].End == t:
				a.FixedBy = acts[readyBy[i]].ID
			case freedBy >= 0:
				a.FixedBy = acts[freedBy].ID
			}
			heap.Push(running, i)
			started = true
		}
		if started && running.Len() > 0 && acts[running.items[0]].End == t {
			continue // a zero-month activity ended at once; release its successors now
		}
		if running.Len() == 0 {
			if done < n {
				return fmt.Errorf("could not schedule every activity (internal error)")
			}
			break
		}
		t = acts[running.items[0]].End
	}
	// Waves: 1 + the longest dependency chain, in topological order.
	order := topoOrder(acts, deps)
	for _, i := range order {
		w := 1
		for _, j := range deps[i] {
			w = max(w, acts[j].Wave+1)
		}
		acts[i].Wave = w
	}
	return nil
}

// criticalChain walks back from the activity that ends last through whichever predecessor
// fixed each start, marks those activities critical and returns their ids, first to last.
func criticalChain(acts []Activity) []string {
	if len(acts) == 0 {
		return nil
	}
	idx := map[string]int{}
	last := 0
	for i, a := range acts {
		idx[a.ID] = i
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

func topoOrder(acts []Activity, deps [][]int) []int {
	n := len(acts)
	indeg := make([]int, n)
	succ := make([][]int, n)
	for i := range acts {
		for _, j := range deps[i] {
			succ[j] = append(succ[j], i)
			indeg[i]++
		}
	}
	var queue, order []int
	for i := range acts {
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

// idHeap orders activity indexes by id.
type idHeap struct {
	acts  []Activity
	items []int
}

func (h idHeap) Len() int { return len(h.items) }
func (h idHeap) Less(i, j int) bool {
	a, b := &h.acts[h.items[i]], &h.acts[h.items[j]]
	if a.Pinned != b.Pinned {
		return a.Pinned
	}
	return a.ID < b.ID
}
func (h idHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *idHeap) Push(x any)   { h.items = append(h.items, x.(int)) }
func (h *idHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// endHeap orders running activity indexes by end month, then id.
type endHeap struct {
	acts  []Activity
	items []int
}

func (h endHeap) Len() int { return len(h.items) }
func (h endHeap) Less(i, j int) bool {
	a, b := h.acts[h.items[i]], h.acts[h.items[j]]
	if a.End != b.End {
		return a.End < b.End
	}
	return a.ID < b.ID
}
func (h endHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *endHeap) Push(x any)   { h.items = append(h.items, x.(int)) }
func (h *endHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
