package countries

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
)

// fixtures10 are the samples as they were on govstack-readiness@1.0.0.
func fixtures10(t *testing.T) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "v1.0.0", "[a-z]*.yaml"))
	out := map[string][]byte{}
	for _, p := range paths {
		if strings.HasPrefix(filepath.Base(p), "framework") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = data
	}
	if len(out) < 3 {
		t.Fatalf("%d 1.0.0 fixtures", len(out))
	}
	return out
}

func resolveExact(t *testing.T, ref string) *assess.Framework {
	t.Helper()
	fw, mismatch, err := assess.Resolve(ref)
	if err != nil || mismatch || fw.Ref() != ref {
		t.Fatalf("resolve %s: %v, mismatch %v", ref, err, mismatch)
	}
	return fw
}

// TestMigrateKeepsEveryByte: moving a 1.0.0 file to 1.1.0 changes the framework line and adds
// the new indicators unanswered; every other line, comments included, stays byte for byte.
func TestMigrateKeepsEveryByte(t *testing.T) {
	to := resolveExact(t, "govstack-readiness@1.1.0")
	from := resolveExact(t, "govstack-readiness@1.0.0")
	var want []string
	for _, ind := range to.Indicators() {
		if from.Indicator(ind.ID) == nil {
			want = append(want, ind.ID)
		}
	}
	if len(want) < 8 || len(want) > 15 {
		t.Errorf("1.1.0 adds %d indicators, want 8-15", len(want))
	}
	for name, src := range fixtures10(t) {
		// A comment on an answer and a trailing comment must survive too.
		src = bytes.Replace(src, []byte("answers:\n"), []byte("answers:   # answered in the March workshop\n"), 1)
		src = append(src, []byte("# end of file, kept\n")...)
		d, err := Parse(name, src)
		if err != nil {
			t.Fatal(err)
		}
		added, err := d.Migrate(to)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(added, want) {
			t.Errorf("%s: added %v, want %v", name, added, want)
		}
		out := d.Src()
		// Remove the added lines and restore the framework line: the input comes back exactly.
		var kept []string
		for _, l := range strings.SplitAfter(string(out), "\n") {
			if strings.HasSuffix(strings.TrimSpace(l), ": {}") && contains(want, strings.TrimSuffix(strings.TrimSpace(l), ": {}")) {
				continue
			}
			kept = append(kept, strings.Replace(l, "govstack-readiness@1.1.0", "govstack-readiness@1.0.0", 1))
		}
		if got := strings.Join(kept, ""); got != string(src) {
			t.Errorf("%s: migration changed more than the framework line and the new answers", name)
		}
		if d.File.Assessment.Framework != "govstack-readiness@1.1.0" {
			t.Errorf("%s: framework %s", name, d.File.Assessment.Framework)
		}
		if err := d.Check(to); err != nil {
			t.Errorf("%s: migrated file does not check: %v", name, err)
		}
		// The old areas score exactly as before; the new indicators are unanswered, not zero.
		before, after := Parse2(t, name, src).Score(from), d.Score(to)
		for _, p := range from.Pillars {
			b, a := before.Pillar(p.ID), after.Pillar(p.ID)
			if !reflect.DeepEqual(b.Score, a.Score) {
				t.Errorf("%s: pillar %s scores %v before, %v after", name, p.ID, deref(b.Score), deref(a.Score))
			}
		}
		for _, id := range want {
			if is := after.Indicator(id); is == nil || is.Status != assess.StatusUnanswered {
				t.Errorf("%s: %s not unanswered after migration", name, id)
			}
		}
		// A second run changes nothing.
		again, err := d.Migrate(to)
		if err != nil || len(again) != 0 {
			t.Errorf("%s: second migration added %v (%v)", name, again, err)
		}
	}
}

func TestMigrateRefusesOtherFrameworkAndOlderVersion(t *testing.T) {
	d, err := Parse("x.yaml", fixtures10(t)["bakana.yaml"])
	if err != nil {
		t.Fatal(err)
	}
	egdi, _, err := assess.Resolve("egdi")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Migrate(egdi); err == nil || !strings.Contains(err.Error(), `not to "egdi"`) {
		t.Errorf("to egdi: %v", err)
	}
	if _, err := d.Migrate(resolveExact(t, "govstack-readiness@1.1.0")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Migrate(resolveExact(t, "govstack-readiness@1.0.0")); err == nil || !strings.Contains(err.Error(), "older version") {
		t.Errorf("back to 1.0.0: %v", err)
	}
}

// TestFramework100ScoresAsBefore: adding the roadmap fields and gate bases to 1.0.0 changed no
// score: every 1.0.0 sample scores the same with the embedded 1.0.0 as with the template as it
// was before issue 12, and still validates.
func TestFramework100ScoresAsBefore(t *testing.T) {
	old, err := assess.LoadFramework(filepath.Join("testdata", "v1.0.0", "framework-1.0.0-before-issue-12.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	now := resolveExact(t, "govstack-readiness@1.0.0")
	for name, src := range fixtures10(t) {
		d := Parse2(t, name, src)
		if err := d.Check(now); err != nil {
			t.Errorf("%s does not validate against the embedded 1.0.0: %v", name, err)
		}
		a, b := d.Score(old), d.Score(now)
		if !reflect.DeepEqual(a.Overall, b.Overall) {
			t.Errorf("%s: overall %+v before, %+v now", name, a.Overall, b.Overall)
		}
		for _, p := range old.Pillars {
			if !reflect.DeepEqual(a.Pillar(p.ID).Score, b.Pillar(p.ID).Score) {
				t.Errorf("%s: pillar %s changed", name, p.ID)
			}
		}
		for _, ind := range old.Indicators() {
			x, y := a.Indicator(ind.ID), b.Indicator(ind.ID)
			if !reflect.DeepEqual(x.Score, y.Score) || x.Status != y.Status {
				t.Errorf("%s: %s changed", name, ind.ID)
			}
		}
	}
}

func Parse2(t *testing.T, name string, src []byte) *Doc {
	t.Helper()
	d, err := Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSamplesOn110: the embedded samples are on 1.1.0, migrated from their 1.0.0 versions
// (testdata/v1.0.0) with govplan migrate and answered where the country teams would know the
// new indicators: every 1.0.0 line but the framework line is still there, in order and byte for
// byte, they validate against 1.1.0 and answer most of the new indicators.
func TestSamplesOn110(t *testing.T) {
	to := resolveExact(t, "govstack-readiness@1.1.0")
	from := resolveExact(t, "govstack-readiness@1.0.0")
	old := fixtures10(t)
	if names := SampleNames(); len(names) != len(old) {
		t.Fatalf("samples %v, 1.0.0 fixtures %d", names, len(old))
	}
	for _, name := range SampleNames() {
		src, err := SampleSource(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Sample(name)
		if err != nil {
			t.Fatal(err)
		}
		if d.File.Assessment.Framework != to.Ref() {
			t.Errorf("%s: framework %s, want %s", name, d.File.Assessment.Framework, to.Ref())
		}
		if missing := missingLines(old[name+".yaml"], src, "  framework: "); missing != "" {
			t.Errorf("%s: 1.0.0 line lost or changed: %q", name, missing)
		}
		if err := d.Check(to); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		answered := 0
		sc := d.Score(to)
		for _, ind := range to.Indicators() {
			if from.Indicator(ind.ID) == nil && sc.Indicator(ind.ID).Status == assess.StatusAnswered {
				answered++
			}
		}
		if answered < 8 {
			t.Errorf("%s: only %d new indicators answered", name, answered)
		}
	}
}

// missingLines returns the first line of old (other than one starting with skip) that is not
// found in updated, in order; "" when every line is kept.
func missingLines(old, updated []byte, skip string) string {
	have := strings.Split(string(updated), "\n")
	k := 0
	for _, line := range strings.Split(string(old), "\n") {
		if strings.HasPrefix(line, skip) {
			continue
		}
		for k < len(have) && have[k] != line {
			k++
		}
		if k == len(have) {
			return line
		}
		k++
	}
	return ""
}
