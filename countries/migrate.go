package countries

import (
	"fmt"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/ident"
)

// Migrate moves the file to a newer version of the framework it was assessed with: it sets
// assessment.framework to to's id@version and adds every indicator of to that the file does
// not list yet, unanswered (`id: {}`), in the framework's order at the end of answers. Every
// other byte of the file (answers, comments, key order) stays as it was, and answers to
// indicators that to does not have are kept. It returns the added indicator ids. The change is
// in memory until Save.
func (d *Doc) Migrate(to *assess.Framework) ([]string, error) {
	fromID, fromVersion := assess.SplitRef(d.File.Assessment.Framework)
	if fromID != to.ID {
		return nil, fmt.Errorf("this file was assessed with framework %q; it can move to another version of %q, not to %q", fromID, fromID, to.ID)
	}
	if fromVersion != "" && assess.VersionLess(to.Version, fromVersion) {
		return nil, fmt.Errorf("this file is on %s@%s, newer than %s; govplan does not move files to an older version", fromID, fromVersion, to.Ref())
	}
	have := map[string]bool{}
	for id := range d.File.Answers {
		have[ident.Norm(id)] = true
	}
	var added []string
	for _, ind := range to.Indicators() {
		if !have[ind.ID] {
			added = append(added, ind.ID)
		}
	}
	if fromVersion == to.Version && len(added) == 0 {
		return nil, nil
	}
	if err := d.Set([]any{"assessment", "framework"}, to.Ref()); err != nil {
		return nil, err
	}
	empty, err := FlowNode(map[string]any{})
	if err != nil {
		return nil, err
	}
	for _, id := range added {
		if err := d.Set([]any{"answers", id}, empty); err != nil {
			return nil, err
		}
	}
	return added, nil
}
