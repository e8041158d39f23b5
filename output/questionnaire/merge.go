package questionnaire

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
)

// Change is one answer the merge wrote.
type Change struct {
	ID            string
	Before, After string // as the workbook writes answers; empty when none
	Cleared       bool   // the ministry's answer was removed
	Detail        bool   // only evidence, notes or confidence changed
}

// Result is what a merge did.
type Result struct {
	Ministry    string
	Changes     []Change
	Untouched   int      // rows the ministry left as they were sent
	NewDisputes []string // indicators disputed now and not before
	Warnings    []string
}

// CheckFor refuses a questionnaire made for another country or framework, or for a ministry
// the file does not have.
func (q *Filled) CheckFor(doc *countries.Doc, fw *assess.Framework, lang string) error {
	f := doc.File
	if !strings.EqualFold(q.Meta.ISO3, f.Country.ISO3) {
		return fmt.Errorf("%s", i18n.F(lang, "this questionnaire is for %s (%s), not for %s (%s)", q.Meta.Country, q.Meta.ISO3, f.Country.Name, f.Country.ISO3))
	}
	wid, _ := assess.SplitRef(q.Meta.Framework)
	if wid != fw.ID {
		return fmt.Errorf("%s", i18n.F(lang, "this questionnaire answers the framework %s, but the country file uses %s", q.Meta.Framework, fw.Ref()))
	}
	if len(f.Ministries) > 0 && !f.MinistryIDs()[ident.Norm(q.Meta.Ministry)] {
		return fmt.Errorf("%s", i18n.F(lang, "this questionnaire is for the ministry %q, which the country file does not list (ministries: %s)", q.Meta.Ministry, strings.Join(ministryIDs(f), ", ")))
	}
	return nil
}

func ministryIDs(f *countries.File) []string {
	var ids []string
	for _, m := range f.Ministries {
		ids = append(ids, m.ID)
	}
	return ids
}

// Merge writes the rows the ministry changed into doc as its answers (by: ministry), one
// indicator at a time, leaving every other answer as it is. It changes doc in memory only;
// the caller saves. Call it only when q.Problems is empty.
func Merge(doc *countries.Doc, fw *assess.Framework, q *Filled, lang string) (*Result, error) {
	by := ident.Norm(q.Meta.Ministry)
	res := &Result{Ministry: by}
	wid, wver := assess.SplitRef(q.Meta.Framework)
	if wid == fw.ID && wver != "" && wver != fw.Version {
		res.Warnings = append(res.Warnings, i18n.F(lang, "the questionnaire was made for %s; the country file now uses %s", q.Meta.Framework, fw.Ref()))
	}
	for _, id := range q.Unknown {
		res.Warnings = append(res.Warnings, i18n.F(lang, "%s is not in the framework %s any more; its row was skipped", id, fw.Ref()))
	}
	before := disputed(doc, fw)
	for _, row := range q.Rows {
		if !row.Touched {
			res.Untouched++
			continue
		}
		ind := fw.Indicator(row.ID)
		cur := doc.File.Answers[row.ID]
		var old assess.Answer
		found := false
		for _, a := range cur {
			if a.By == by {
				old, found = a, true
			}
		}
		a := row.Answer
		a.By, a.Source = by, old.Source
		blank := a.Empty() && a.Evidence == "" && a.Notes == "" && a.Confidence == ""
		if blank && !found {
			res.Untouched++
			continue
		}
		if found && sameAnswer(a, old) {
			res.Untouched++
			continue
		}
		var set *assess.Answer
		if !blank {
			set = &a
		}
		if err := doc.SetAnswerBy(row.ID, by, set); err != nil {
			return nil, fmt.Errorf("%s: %w", row.Cell, err)
		}
		ch := Change{ID: row.ID, After: answerText(fw, ind, a, lang), Cleared: blank}
		if found {
			ch.Before = answerText(fw, ind, old, lang)
		}
		ch.Detail = found && !blank && ch.Before == ch.After
		res.Changes = append(res.Changes, ch)
	}
	after := disputed(doc, fw)
	for _, id := range after {
		if !contains(before, id) {
			res.NewDisputes = append(res.NewDisputes, id)
		}
	}
	return res, nil
}

func disputed(doc *countries.Doc, fw *assess.Framework) []string {
	var out []string
	for _, is := range doc.Score(fw).Indicators {
		if is.Disputed {
			out = append(out, is.Indicator.ID)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
