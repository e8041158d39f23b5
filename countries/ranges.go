package countries

import (
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/roadmap"
)

// Sanity ranges of a country file (design §4.2). Values outside them are refused by validate,
// with their position, so they never reach the planner or an export: a month count of 10^9
// would make the planner walk 10^9 months, an amount of 1e308 sums to +Inf, and a year outside
// 1900–2199 has no workbook date.
const (
	MinYear   = roadmap.MinYear   // earliest year of a date, a target or a pledge
	MaxYear   = roadmap.MaxYear   // latest year of a date, a target or a pledge
	MaxMonths = roadmap.MaxMonths // longest single activity or step, in months (50 years)
	// MaxAmount is the largest cost, running cost or pledge, in any currency (10^15).
	MaxAmount      = roadmap.MaxAmount
	MaxWorkstreams = roadmap.MaxWorkstreams // delivery teams working at once
	MinRate        = roadmap.MinRate
	MaxRate        = roadmap.MaxRate
	MaxTargetSpan  = 100 // a target year at most this many years after the assessment
	maxNameRunes   = 500 // longest name of a country, ministry, service or activity
)

// ValidYear reports whether y is inside MinYear..MaxYear.
func ValidYear(y int) bool { return y >= MinYear && y <= MaxYear }

// ValidMonth checks a YYYY-MM value such as --start or plan.start.
func ValidMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	if err != nil || !ValidYear(t.Year()) {
		return time.Time{}, false
	}
	return t, true
}

// validateRanges checks every number of the file against the ranges above.
func (f *File) validateRanges() yamlx.Problems {
	var ps yamlx.Problems
	at := func(p []any, k ...any) []any { return append(append([]any{}, p...), k...) }
	months := func(p []any, v *int) {
		if v != nil && (*v < 0 || *v > MaxMonths) {
			ps.Add(p, "months must be 0..%d, got %d", MaxMonths, *v)
		}
	}
	amount := func(p []any, v *float64) {
		if v != nil && !(*v >= 0 && *v <= MaxAmount) {
			ps.Add(p, "amount must be 0..%g, got %g", MaxAmount, *v)
		}
	}
	year := func(p []any, y int) {
		if y != 0 && !ValidYear(y) {
			ps.Add(p, "year %d is outside %d..%d", y, MinYear, MaxYear)
		}
	}
	name := func(p []any, what yamlx.Message, s string) {
		if n := len([]rune(s)); n > maxNameRunes {
			ps.Add(p, "%s is %d characters long; at most %d are allowed", what, n, maxNameRunes)
		}
	}

	if t, err := time.Parse(DateLayout, f.Assessment.Date); err == nil && !ValidYear(t.Year()) {
		ps.Add([]any{"assessment", "date"}, "date %s is outside the years %d..%d", f.Assessment.Date, MinYear, MaxYear)
	}
	name([]any{"country", "name"}, yamlx.Msgf("the country name"), f.Country.Name)
	for i, m := range f.Ministries {
		name([]any{"ministries", i, "name"}, yamlx.Msgf("the ministry name"), m.Name.String())
	}
	for i, s := range f.Services {
		name([]any{"services", i, "name"}, yamlx.Msgf("the service name"), s.Name.String())
	}

	assessed := f.Assessment.Time()
	target := func(p []any, y int) {
		year(at(p, "year"), y)
		if ValidYear(y) && ValidYear(assessed.Year()) && y > assessed.Year()+MaxTargetSpan {
			ps.Add(at(p, "year"), "target year %d is more than %d years after the assessment", y, MaxTargetSpan)
		}
	}
	for _, id := range yamlx.SortedKeys(f.Targets.Indicators) {
		target([]any{"targets", id}, f.Targets.Indicators[id].Year)
	}
	for _, id := range yamlx.SortedKeys(f.Targets.Pillars) {
		target([]any{"targets", "pillars", id}, f.Targets.Pillars[id].Year)
	}
	if t := f.Targets.Overall; t != nil {
		target([]any{"targets", "overall"}, t.Year)
	}

	// Every duration (a whole number) and every amount (a decimal) of the cost model, found by
	// reflection so that fields added to the model later are checked too.
	walkCosts(reflect.ValueOf(f.Costs), []any{"costs"}, func(p []any, v *int) { months(p, v) }, amount)

	for _, k := range yamlx.SortedKeys(f.ExchangeRates) {
		if r := f.ExchangeRates[k]; r > 0 && (r < MinRate || r > MaxRate) {
			ps.Add([]any{"exchange_rates", k}, "exchange rate for %s must be %g..%g, got %g", k, MinRate, MaxRate, r)
		}
	}
	for i, inv := range f.Investments {
		if inv.Amount > MaxAmount {
			ps.Add([]any{"investments", i, "amount"}, "amount must be 0..%g, got %g", MaxAmount, inv.Amount)
		}
	}

	pl := &f.Plan
	if pl.Start != "" {
		if t, err := time.Parse("2006-01", pl.Start); err == nil && !ValidYear(t.Year()) {
			ps.Add([]any{"plan", "start"}, "start %s is outside the years %d..%d", pl.Start, MinYear, MaxYear)
		}
	}
	for _, o := range yamlx.SortedKeys(pl.Capacity) {
		if pl.Capacity[o] > MaxWorkstreams {
			ps.Add([]any{"plan", "capacity", o}, "capacity must be 1..%d, got %d", MaxWorkstreams, pl.Capacity[o])
		}
	}
	if pl.Workstreams > MaxWorkstreams {
		ps.Add([]any{"plan", "workstreams"}, "workstreams must be 1..%d, got %d", MaxWorkstreams, pl.Workstreams)
	}
	for _, id := range yamlx.SortedKeys(pl.Change) {
		ch := pl.Change[id]
		months([]any{"plan", "change", id, "months"}, ch.Months)
		amount([]any{"plan", "change", id, "cost"}, ch.Cost)
		name([]any{"plan", "change", id, "name"}, yamlx.Msgf("the activity name"), ch.Name)
	}
	for i, a := range pl.Add {
		m, c := a.Months, a.Cost
		months([]any{"plan", "add", i, "months"}, &m)
		amount([]any{"plan", "add", i, "cost"}, &c)
		name([]any{"plan", "add", i, "name"}, yamlx.Msgf("the activity name"), a.Name)
	}
	return ps
}

// walkCosts calls months for every whole number and amount for every decimal number inside v
// (a cost model value), with its path in the file.
func walkCosts(v reflect.Value, path []any, months func([]any, *int), amount func([]any, *float64)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		switch p := v.Interface().(type) {
		case *int:
			months(path, p)
		case *float64:
			amount(path, p)
		default:
			walkCosts(v.Elem(), path, months, amount)
		}
	case reflect.Int:
		i := int(v.Int())
		months(path, &i)
	case reflect.Float64:
		x := v.Float()
		amount(path, &x)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			walkCosts(v.Field(i), append(append([]any{}, path...), name), months, amount)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			walkCosts(v.MapIndex(k), append(append([]any{}, path...), k.String()), months, amount)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkCosts(v.Index(i), append(append([]any{}, path...), i), months, amount)
		}
	}
}
