package worldmap

import (
	"regexp"
	"testing"
)

// The embedded outlines are whole: every country of the 1:110m set with its ISO code, paths
// that an SVG reader parses, and labels inside the map.
func TestShapes(t *testing.T) {
	s := Shapes()
	if len(s) < 170 {
		t.Fatalf("%d shapes", len(s))
	}
	path := regexp.MustCompile(`^(M-?[0-9]+ -?[0-9]+(l-?[0-9]+ -?[0-9]+)*z)+$`)
	seen := map[string]bool{}
	for _, sh := range s {
		if sh.ISO3 != "" {
			if seen[sh.ISO3] {
				t.Errorf("%s twice", sh.ISO3)
			}
			seen[sh.ISO3] = true
		}
		if !path.MatchString(sh.Path) {
			t.Errorf("%s: path is not plain M/l/z: %.60s", sh.ISO3, sh.Path)
		}
		if sh.LabelX < 0 || sh.LabelX > Width || sh.LabelY < 0 || sh.LabelY > Height {
			t.Errorf("%s: label at %d,%d", sh.ISO3, sh.LabelX, sh.LabelY)
		}
	}
	for _, c := range []string{"KEN", "FRA", "BRA", "RUS", "FJI", "USA", "IND", "AUS"} {
		if !Has(c) {
			t.Errorf("no outline for %s", c)
		}
	}
	if Has("ATA") || Has("XBK") || Has("") {
		t.Error("Antarctica, a fictional code or no code has an outline")
	}
}
