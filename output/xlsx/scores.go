package xlsx

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
	"github.com/xuri/excelize/v2"
)

// Scores sheet columns.
const (
	scPillar = iota + 1
	scID
	scQuestion
	scKind
	scAnswer
	scMeaning
	scScore
	scTarget
	scTargetYear
	scGap
	scEvidence
	scNotes
	scConfidence
	scBy
	scDisputed
	scSource
	scCols = scSource
)

func (b *book) scores() {
	s, l := b.sh.scores, b.lang
	st := &b.st
	fw := b.m.Framework
	b.widths(s, 22, 34, 48, 8, 11, 23, 9, 9, 8, 8, 48, 40, 11, 16, 9, 26)
	b.header(s, 1, i18n.T(l, "Pillar"), i18n.T(l, "Indicator"), i18n.T(l, "Question"), i18n.T(l, "Kind"), i18n.T(l, "Answer"),
		i18n.T(l, "Level name or unit"), i18n.T(l, "Score (0–100)"), i18n.T(l, "Target (0–100)"), i18n.T(l, "Target year"),
		i18n.T(l, "Gap"), i18n.T(l, "Evidence"), i18n.T(l, "Notes"), i18n.T(l, "Confidence"), i18n.T(l, "By"),
		i18n.T(l, "Disputed"), i18n.T(l, "Source"))
	b.numHeaders(s, 1, scAnswer, scScore, scTarget, scGap)
	row := 1
	for _, is := range b.m.Score.Indicators {
		row++
		ind := is.Indicator
		pl := fw.PillarOf(ind.ID)
		if pl != nil {
			b.str(s, scPillar, row, pl.Name.In(b.lang), st.textWrap)
		}
		b.str(s, scID, row, ind.ID, st.id)
		b.str(s, scQuestion, row, ind.Question.In(b.lang), st.textWrap)
		b.str(s, scKind, row, kindText(l, ind.Kind), st.text)
		b.answer(s, row, is)
		b.opt(s, scScore, row, is.Score, pct100, st.score)
		b.opt(s, scTarget, row, is.TargetScore, pct100, st.score)
		if is.Target != nil && is.Target.Year > 0 {
			b.num(s, scTargetYear, row, float64(is.Target.Year), st.year)
		}
		b.opt(s, scGap, row, is.Gap, pct100, st.score)
		given := is.Answers.Given()
		b.str(s, scEvidence, row, perMinistry(given, func(a assess.Answer) string { return a.Evidence }), st.textWrap)
		b.str(s, scNotes, row, perMinistry(given, func(a assess.Answer) string { return a.Notes }), st.textWrap)
		b.str(s, scConfidence, row, perMinistry(given, func(a assess.Answer) string { return words.Confidence(l, a.Confidence) }), st.textWrap)
		b.str(s, scBy, row, byWhom(given), st.textWrap)
		b.str(s, scDisputed, row, b.yesNo(is.Disputed), st.center)
		b.str(s, scSource, row, perMinistry(given, func(a assess.Answer) string { return a.Source }), st.textWrap)
	}
	last := max(row, 2)
	rng := fmt.Sprintf("%s%d:%s%d", colName(scScore), 2, colName(scScore), last)
	b.check(b.f.SetConditionalFormat(s, rng, []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "0", MinColor: "F8696B",
		MidType: "num", MidValue: "50", MidColor: "FFEB84",
		MaxType: "num", MaxValue: "100", MaxColor: "63BE7B",
	}}))
	gapRng := fmt.Sprintf("%s%d:%s%d", colName(scGap), 2, colName(scGap), last)
	b.check(b.f.SetConditionalFormat(s, gapRng, []excelize.ConditionalFormatOptions{{
		Type: "data_bar", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "num", MaxValue: "100",
		BarColor: "F4B183", BarSolid: true,
	}}))
	b.check(b.f.AutoFilter(s, fmt.Sprintf("A1:%s%d", colName(scCols), last), nil))
	b.freeze(s, 2, 1)
	b.fitRows(s)
	b.page(s, paperA4)
	b.printTitles(s, "$A:$B", "$1:$1")
}

// answer writes the answer: a level or a value as a number, yes/no as text, "n/a", or nothing
// when unanswered. Several ministries' answers show their aggregate, as scored.
func (b *book) answer(s string, row int, is assess.IndicatorScore) {
	st := &b.st
	fw := b.m.Framework
	ind := is.Indicator
	switch is.Status {
	case assess.StatusNA:
		b.str(s, scAnswer, row, i18n.T(b.lang, "n/a"), st.text)
		return
	case assess.StatusUnanswered:
		return
	}
	var scored []assess.Answer
	for _, a := range is.Answers.Given() {
		if !a.NA {
			scored = append(scored, a)
		}
	}
	switch ind.Kind {
	case assess.KindLevel:
		if len(scored) == 1 && scored[0].Level != nil {
			l := *scored[0].Level
			b.num(s, scAnswer, row, float64(l), st.general)
			b.str(s, scMeaning, row, fw.LevelName(l, b.lang), st.indented)
			return
		}
		if is.Level != nil {
			b.num(s, scAnswer, row, *is.Level, st.general)
			b.str(s, scMeaning, row, i18n.F(b.lang, "%s of %d answers", aggText(b.lang, fw.Aggregate), len(scored)), st.indented)
		}
	case assess.KindYesNo:
		var parts []string
		seen := map[bool]bool{}
		for _, a := range scored {
			if a.Value != nil && a.Value.IsBool {
				seen[a.Value.Bool] = true
				parts = append(parts, ministryPrefix(a, len(scored))+b.yesNoWord(a.Value.Bool))
			}
		}
		if len(seen) == 1 {
			for v := range seen {
				b.str(s, scAnswer, row, b.yesNoWord(v), st.text)
			}
		} else {
			b.str(s, scAnswer, row, strings.Join(parts, "; "), st.textWrap)
		}
	case assess.KindNumber:
		var vals []float64
		for _, a := range scored {
			if a.Value != nil && !a.Value.IsBool {
				vals = append(vals, a.Value.Num)
			}
		}
		if len(vals) == 0 {
			return
		}
		rule := fw.Aggregate
		if ind.Lower() { // the lowest value has the highest score
			switch rule {
			case assess.AggMin:
				rule = assess.AggMax
			case assess.AggMax:
				rule = assess.AggMin
			}
		}
		b.num(s, scAnswer, row, aggregate(rule, vals), st.general)
		unit := ind.Unit.In(b.lang)
		if len(vals) > 1 {
			unit = i18n.F(b.lang, "%s (%s of %d answers)", unit, aggText(b.lang, fw.Aggregate), len(vals))
		}
		b.str(s, scMeaning, row, unit, st.textWrap)
	}
}

func (b *book) yesNoWord(v bool) string {
	if v {
		return i18n.T(b.lang, "yes")
	}
	return i18n.T(b.lang, "no")
}

// kindText names the kind of an indicator's answer.
func kindText(lang string, k assess.Kind) string {
	switch k {
	case assess.KindLevel:
		return i18n.T(lang, "level")
	case assess.KindYesNo:
		return i18n.T(lang, "yes/no")
	case assess.KindNumber:
		return i18n.T(lang, "number")
	}
	return string(k)
}

// aggText names the rule that combines several ministries' answers.
func aggText(lang, rule string) string {
	switch rule {
	case assess.AggMean:
		return i18n.T(lang, "mean")
	case assess.AggMedian:
		return i18n.T(lang, "median")
	case assess.AggMin:
		return i18n.T(lang, "lowest")
	case assess.AggMax:
		return i18n.T(lang, "highest")
	}
	return rule
}

// perMinistry joins a text of each answer; with several answers each line names its ministry.
// A single answer's text is written exactly as given.
func perMinistry(as assess.Answers, get func(assess.Answer) string) string {
	var parts []string
	for _, a := range as {
		if t := get(a); t != "" {
			parts = append(parts, ministryPrefix(a, len(as))+t)
		}
	}
	return strings.Join(parts, "\n")
}

func ministryPrefix(a assess.Answer, n int) string {
	if n > 1 && a.By != "" {
		return a.By + ": "
	}
	return ""
}

// byWhom lists the ministries that answered.
func byWhom(as assess.Answers) string {
	var by []string
	seen := map[string]bool{}
	for _, a := range as {
		if a.By != "" && !seen[a.By] {
			seen[a.By] = true
			by = append(by, a.By)
		}
	}
	return strings.Join(by, ", ")
}

// aggregate combines values by the framework's rule (as scores are combined).
func aggregate(rule string, xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	switch rule {
	case assess.AggMin:
		return s[0]
	case assess.AggMax:
		return s[len(s)-1]
	case assess.AggMedian:
		n := len(s)
		if n%2 == 1 {
			return s[n/2]
		}
		return (s[n/2-1] + s[n/2]) / 2
	}
	var sum float64
	for _, x := range s {
		sum += x
	}
	return sum / float64(len(s))
}
