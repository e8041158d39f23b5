package countries

import (
	"strings"
	"testing"
)

// plan.capacity and plan.add holds are checked with the file's line and column.
func TestPlanCapacityAndHoldsValidated(t *testing.T) {
	head := "schema: 1\ncountry: {name: Republic of X, iso3: XRX}\nassessment: {framework: govstack-readiness@1.0.0, date: 2026-03-14}\n"
	for _, c := range []struct{ plan, want string }{
		{"plan:\n  capacity: {justice: 0}\n", "t.yaml:5:23: capacity of justice must be 1 or more"},
		{"plan:\n  capacity: {BAD ID: 2}\n", `t.yaml:5:14: capacity owner "bad id" is not a valid id`},
		{"plan:\n  add: [{id: x, name: X, months: 1, cost: 0, holds: desk}]\n", `t.yaml:5:53: holds "desk" is not one of team, owner`},
		{"plan:\n  add: [{id: x, name: X, months: 1, cost: 0, holds: owner}]\n", "t.yaml:5:53: activity x holds its owner's capacity but names no owner"},
	} {
		_, err := Parse("t.yaml", []byte(head+c.plan))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.plan, err, c.want)
		}
	}
	d, err := Parse("t.yaml", []byte(head+"plan:\n  workstreams: 4\n  capacity: {Justice: 1, ict: 3}\n  add: [{id: x, name: X, owner: ict, months: 1, cost: 0, holds: owner}, {id: y, name: Y, months: 1, cost: 0, holds: team}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.File.Plan.Capacity; got["justice"] != 1 || got["ict"] != 3 {
		t.Errorf("capacity %v, want owners lower-cased", got)
	}
}
