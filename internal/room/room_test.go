package room

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/room/roomtest"
)

func levelIDs(fw *assess.Framework, n int) []string {
	var out []string
	for _, ind := range fw.Indicators() {
		if ind.Kind == assess.KindLevel && len(out) < n {
			out = append(out, ind.ID)
		}
	}
	return out
}

// TestOneWriterKeepsEveryEdit has many goroutines edit at once (30 × 20 with GOVPLAN_E2E=1);
// every edit is in the file.
func TestOneWriterKeepsEveryEdit(t *testing.T) {
	sessions, answers := 10, 10
	if os.Getenv("GOVPLAN_E2E") != "" {
		sessions, answers = 30, 20
	}
	path := roomtest.File(t, sessions)
	r, err := Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	ids := levelIDs(r.Framework, answers)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < sessions; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			by := fmt.Sprintf("m%02d", i+1)
			for k, id := range ids {
				lvl := (i + k) % 5
				err := r.Edit(func(d *countries.Doc) error {
					return d.SetAnswerBy(id, by, &assess.Answer{Level: assess.Int(lvl)})
				})
				if err != nil {
					t.Error(err)
				}
			}
		}(i)
	}
	wg.Wait()
	t.Logf("%d edits in %s", sessions*answers, time.Since(start))
	r.Close()
	doc, _, err := countries.Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < sessions; i++ {
		by := fmt.Sprintf("m%02d", i+1)
		for k, id := range ids {
			ok := false
			for _, a := range doc.File.Answers[id] {
				ok = ok || (a.By == by && a.Level != nil && *a.Level == (i+k)%5)
			}
			if !ok {
				t.Errorf("%s's answer to %s is missing", by, id)
			}
		}
	}
	if err := r.Edit(func(*countries.Doc) error { return nil }); err != ErrClosed {
		t.Errorf("edit after close: %v", err)
	}
}
