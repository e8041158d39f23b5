package tui

import (
	"math"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// targetEdit is the open target form of the readiness step: the selected indicator's target,
// or (pillar set) the target score of its area.
type targetEdit struct {
	form   *form
	pillar string
}

// targetYear is the year a new target is due by default: two years after the assessment.
func (r *readiness) targetYear() int {
	if t := r.c.sess.doc.File.Assessment.Time(); !t.IsZero() {
		return t.Year() + 2
	}
	return r.c.sess.now().Year() + 2
}

// checkTargetYear accepts a year from the assessment's year to 2100.
func (r *readiness) checkTargetYear(v string) string {
	lo := 2000
	if t := r.c.sess.doc.File.Assessment.Time(); !t.IsZero() {
		lo = t.Year()
	}
	return checkInt(r.c.lang, lo, 2100, false)(v)
}

// indicatorTargetForm opens the form for the selected indicator's target: the level (a
// typed digit), yes/no or the value, then the year. An empty level or value clears it.
func (r *readiness) indicatorTargetForm() tea.Cmd {
	sess, lang, fw := r.c.sess, r.c.lang, r.c.sess.fw
	ind := r.ind()
	cur, has := sess.doc.File.Targets.Indicators[ind.ID]
	year := r.targetYear()
	if has && cur.Year > 0 {
		year = cur.Year
	}
	var first *field
	switch ind.Kind {
	case assess.KindLevel:
		v := ""
		if has && cur.Level != nil {
			v = strconv.Itoa(*cur.Level)
		}
		first = numField(i18n.T(lang, "Target level"), v, i18n.F(lang, "%d to %d; empty clears the target", fw.Scale.Min, fw.Scale.Max),
			checkInt(lang, fw.Scale.Min, fw.Scale.Max, true))
	case assess.KindYesNo:
		sel := 0
		if has && cur.Value != nil && cur.Value.IsBool && !cur.Value.Bool {
			sel = 1
		}
		first = choiceField(i18n.T(lang, "Target"), []string{words.YesNo(lang, true), words.YesNo(lang, false), i18n.T(lang, "(no target)")}, sel)
		first.values = []string{"true", "false", ""}
	default:
		v := ""
		if has && cur.Value != nil {
			v = numInput(lang, cur.Value.Num)
		}
		first = numField(i18n.T(lang, "Target value"), v, i18n.F(lang, "in %s; empty clears the target", unitWord(lang, ind.Unit)),
			func(v string) string {
				if v == "" {
					return ""
				}
				f, err := parseNumber(lang, v)
				if err != nil {
					return i18n.T(lang, "a number, such as 63.5")
				}
				return r.checkTargetValue(f)
			})
	}
	yf := numField(i18n.T(lang, "By year"), strconv.Itoa(year), "2028", r.checkTargetYear)
	r.target = &targetEdit{form: newForm(i18n.F(lang, "Target for %s", ind.ID), first, yf)}
	return r.target.form.setFocus(0)
}

// checkTargetValue runs the framework's own check of a value target (ranges the indicator
// allows), so the form refuses what the file would.
func (r *readiness) checkTargetValue(f float64) string {
	ind := r.ind()
	tg := assess.Targets{Indicators: map[string]assess.Target{ind.ID: {Value: assess.Number(f), Year: 2100}}}
	for _, p := range r.c.sess.fw.ValidateAnswers(nil, tg, nil) {
		if !p.Warning {
			return i18n.F(r.c.lang, p.Format, p.Args...)
		}
	}
	return ""
}

// pillarTargetForm opens the form for the target score (0–100) of the selected indicator's
// area.
func (r *readiness) pillarTargetForm() tea.Cmd {
	lang := r.c.lang
	pl := r.c.sess.fw.PillarOf(r.ind().ID)
	cur, has := r.c.sess.doc.File.Targets.Pillars[pl.ID]
	v, year := "", r.targetYear()
	if has && cur.Score != nil {
		v = strconv.Itoa(int(math.Round(*cur.Score * 100)))
	}
	if has && cur.Year > 0 {
		year = cur.Year
	}
	r.target = &targetEdit{pillar: pl.ID, form: newForm(i18n.F(lang, "Target score for the area %s", pl.Name.In(lang)),
		numField(i18n.T(lang, "Target score"), v, i18n.T(lang, "0 to 100; empty clears the target"), checkInt(lang, 0, 100, true)),
		numField(i18n.T(lang, "By year"), strconv.Itoa(year), "2029", r.checkTargetYear))}
	return r.target.form.setFocus(0)
}

// updateTarget routes a message to the open target form and saves on enter.
func (r *readiness) updateTarget(msg tea.Msg) tea.Cmd {
	res, cmd := r.target.form.update(r.c.lang, msg)
	switch res {
	case formCancelled:
		r.target = nil
		r.c.say(false, i18n.T(r.c.lang, "cancelled"))
	case formDone:
		r.saveTarget()
	}
	return cmd
}

// saveTarget writes the target (or removes it when the first field is empty).
func (r *readiness) saveTarget() {
	te, lang := r.target, r.c.lang
	f := te.form
	year, _ := strconv.Atoi(f.value(1))
	var path []any
	var tg assess.Target
	var what string
	if te.pillar != "" {
		path = []any{"targets", "pillars", te.pillar}
		if v := f.value(0); v != "" {
			n, _ := strconv.Atoi(v)
			s := float64(n) / 100
			tg.Score = &s
			what = i18n.F(lang, "target %d/100 by %d", n, year)
		}
	} else {
		ind := r.ind()
		path = []any{"targets", ind.ID}
		v := f.value(0)
		switch {
		case v == "":
		case ind.Kind == assess.KindLevel:
			n, _ := strconv.Atoi(v)
			tg.Level = &n
			what = i18n.F(lang, "target level %d by %d", n, year)
		case ind.Kind == assess.KindYesNo:
			tg.Value = assess.YesNo(v == "true")
			what = i18n.F(lang, "target %s by %d", words.YesNo(lang, v == "true"), year)
		default:
			x, _ := parseNumber(lang, v)
			tg.Value = assess.Number(x)
			what = i18n.F(lang, "target %s by %d", num(lang, x), year)
		}
	}
	clear := tg.Level == nil && tg.Value == nil && tg.Score == nil
	tg.Year = year
	err := r.c.sess.change(func(d *countries.Doc) error {
		if clear {
			return d.Delete(path)
		}
		return setFlow(d, path, tg)
	})
	if err != nil {
		f.err = err.Error()
		return
	}
	r.target = nil
	if clear {
		what = i18n.T(lang, "target cleared")
	}
	id := te.pillar
	if id == "" {
		id = r.ind().ID
	}
	r.c.say(false, i18n.F(lang, "saved · %s: %s", id, what))
}

// targetBar is bar() with the target marked by ┃ at its place.
func targetBar(score, target *float64, w int) string {
	b := []rune(bar(score, w))
	if target != nil {
		i := int(math.Round(*target*float64(w))) - 1
		b[max(0, min(w-1, i))] = '┃'
	}
	return string(b)
}

// targetText describes a target in a few words ("level 3 by 2028", "80/100 by 2029").
func targetText(fw *assess.Framework, ind *assess.Indicator, t *assess.Target, lang string) string {
	var what string
	switch {
	case t.Score != nil:
		what = strconv.Itoa(int(math.Round(*t.Score*100))) + "/100"
	case t.Level != nil:
		what = i18n.F(lang, "level %d", *t.Level)
	case t.Value != nil && t.Value.IsBool:
		what = words.YesNo(lang, t.Value.Bool)
	case t.Value != nil:
		what = num(lang, t.Value.Num)
		if ind != nil && len(ind.Unit) > 0 {
			what += " " + unitWord(lang, ind.Unit)
		}
	}
	if t.Year > 0 {
		return i18n.F(lang, "%s by %d", what, t.Year)
	}
	return what
}

// targetLine is the card's line for the indicator's target and its area's.
func (r *readiness) targetLine() string {
	lang, fw := r.c.lang, r.c.sess.fw
	ind := r.ind()
	f := r.c.sess.doc.File
	var parts []string
	if t, ok := f.Targets.Indicators[ind.ID]; ok {
		parts = append(parts, i18n.F(lang, "Target: %s", targetText(fw, ind, &t, lang)))
	} else {
		parts = append(parts, i18n.T(lang, "Target: none (t sets one)"))
	}
	pl := fw.PillarOf(ind.ID)
	if t, ok := f.Targets.Pillars[pl.ID]; ok {
		parts = append(parts, i18n.F(lang, "area target: %s", targetText(fw, nil, &t, lang)))
	}
	return strings.Join(parts, " · ")
}
