package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/output/words"
	"github.com/spf13/cobra"
)

// matchOptions are the flags of `govplan match`.
type matchOptions struct {
	country countryFlags
	format  string
	all     bool
}

func (a *app) matchCmd() *cobra.Command {
	var o matchOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "match " + i18n.T(lang, "[FILE]"),
		Short: i18n.T(lang, "Match the country's needs to building blocks: what to reuse, upgrade or build, gates, products"),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runMatch(args, o)
		},
	}
	o.country.register(c, lang)
	c.Flags().StringVar(&o.format, "format", "text", i18n.T(lang, "output format: text or json"))
	c.Flags().BoolVar(&o.all, "all", false, i18n.T(lang, "show every reason and every candidate product"))
	return c
}

func (a *app) runMatch(args []string, o matchOptions) error {
	if err := a.formatFlag(o.format, "text", "json"); err != nil {
		return err
	}
	m, err := a.loadModel(args, o.country)
	if err != nil {
		return err
	}
	if o.format == "json" {
		f := m.Doc.File
		return a.writeJSON(report.Match(report.CountryJSON{Name: f.Country.Name, ISO3: f.Country.ISO3}, m.Match, a.lang))
	}
	a.warn(m.Doc.Warnings)
	a.printMatch(m, o.all)
	return nil
}

func (a *app) printMatch(m *countries.Model, all bool) {
	w, mt, f, lang := a.out, m.Match, m.Doc.File, a.lang
	fmt.Fprintln(w, i18n.N(lang, "%s · architecture for %d use cases", f.Title(), len(mt.UseCases)))
	if len(mt.Services) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Priority services (impact × feasibility, 1–25):"))
		tw := newTable(w)
		fmt.Fprintln(tw, "  #\t"+strings.Join([]string{i18n.T(lang, "Service"), i18n.T(lang, "Priority"), i18n.T(lang, "Impact"), i18n.T(lang, "Feasibility"), i18n.T(lang, "Quadrant"), i18n.T(lang, "Use case")}, "\t"))
		for _, s := range mt.Services {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Rank, s.Service.Name.In(lang), i18n.Number(lang, s.Priority, 1),
				i18n.Number(lang, s.Impact, 1), i18n.Number(lang, s.Feasibility, 1), words.Quadrant(lang, s.Quadrant), s.Service.UseCase)
		}
		tw.Flush()
	}
	if len(mt.UseCases) == 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "No use cases yet: add use_cases or services to the country file."))
		return
	}
	fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Use cases needed:"))
	ucs := newTable(w)
	for _, u := range mt.UseCases {
		kind := ""
		if u.UseCase.Custom {
			kind = " " + i18n.T(lang, "(custom)")
		}
		fmt.Fprintf(ucs, "  %s\t%s%s — %s\n", u.UseCase.ID, u.UseCase.Name.In(lang), kind, i18n.F(lang, "%d blocks", len(u.Blocks)))
	}
	ucs.Flush()
	counts := map[string]int{}
	required := map[string]bool{}
	for _, b := range mt.Blocks {
		counts[b.Status]++
		required[b.Block.ID] = true
	}
	fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Building blocks: %d required — %d reuse, %d upgrade, %d build", len(mt.Blocks), counts["reuse"], counts["upgrade"], counts["build"]))
	tw := newTable(w)
	fmt.Fprintln(tw, "  "+strings.Join([]string{i18n.T(lang, "Block"), i18n.T(lang, "Status"), i18n.T(lang, "Existing system"), i18n.T(lang, "Needed by"), i18n.T(lang, "Gates"), i18n.T(lang, "Top product")}, "\t"))
	for _, b := range mt.Blocks {
		sys := "–"
		if b.Inventory != nil && b.Inventory.System != "" {
			sys = b.Inventory.System
		}
		top := "–"
		switch p, chosen := b.Pick(); {
		case b.Chosen == catalog.Undecided:
			top = i18n.T(lang, "undecided")
		case p != nil && chosen:
			top = i18n.F(lang, "%s (chosen)", p.Product.Name)
		case p != nil:
			top = p.Product.Name
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", b.Block.Name.In(lang), strings.ToUpper(words.BlockStatus(lang, b.Status)), sys, strings.Join(b.NeededBy, ", "), gateSummary(lang, b.GatedBy), top)
	}
	tw.Flush()
	if mt.ReuseFactor != nil {
		rf := i18n.Number(lang, *mt.ReuseFactor, 2)
		fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Reuse factor %s: each required block serves %s use cases on average (%s means no sharing).", rf, rf, i18n.Number(lang, 1, 2)))
	}
	var blocked []string
	for _, b := range mt.Blocks {
		for _, g := range b.GatedBy {
			if g.State != assess.GateMet {
				cur := i18n.T(lang, "not assessed")
				if g.Current != nil {
					cur = i18n.F(lang, "now %s", i18n.Number(lang, *g.Current, 1))
				}
				blocked = append(blocked, "  "+i18n.F(lang, "%s waits for %s ≥ %d (%s)", b.Block.Name.In(lang), g.Indicator, g.Min, cur),
					"      "+words.GateBasis(lang, g.Gate))
			}
		}
	}
	if len(blocked) > 0 {
		fmt.Fprintf(w, "\n%s\n%s\n", i18n.T(lang, "Readiness gates blocking a deployment:"), strings.Join(blocked, "\n"))
	}
	if opts := mt.Options(); len(opts) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Options (recommended by a required block's spec, not in the architecture):"))
		for _, o := range opts {
			fmt.Fprintf(w, "  %s\n", i18n.F(lang, "%s, recommended by %s", o.Block, o.For))
		}
	}
	fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Why each block, and candidate products:"))
	for _, b := range mt.Blocks {
		fmt.Fprintf(w, "\n  %s (%s)\n", b.Block.Name.In(lang), words.BlockStatus(lang, b.Status))
		reasons := b.Reasons
		if !all {
			reasons = b.Summary()
		}
		for _, r := range words.ReasonList(lang, reasons) {
			fmt.Fprintf(w, "    · %s\n", r)
		}
		for _, o := range b.Recommends {
			line := i18n.F(lang, "option: %s, recommended, not required [%s]", o.Block, o.Source)
			if o.InArchitecture {
				line = i18n.F(lang, "also recommends %s, in the architecture anyway [%s]", o.Block, o.Source)
			}
			if all {
				line += " — " + o.Reason.In(lang)
			}
			fmt.Fprintf(w, "    · %s\n", line)
		}
		shown := 0
		for _, p := range b.Products {
			if !all && shown == 3 {
				if n := len(b.Products) - shown; n == 1 {
					fmt.Fprintf(w, "    … %s\n", i18n.T(lang, "1 more product (--all)"))
				} else {
					fmt.Fprintf(w, "    … %s\n", i18n.F(lang, "%d more products (--all)", n))
				}
				break
			}
			shown++
			if all {
				rank := fmt.Sprintf("#%d", p.Rank)
				if p.Excluded {
					rank = i18n.T(lang, "excluded")
				}
				fmt.Fprintf(w, "    %s %s: %s\n", rank, p.Product.Name, words.Reasons(lang, p.Reasons, "; "))
				continue
			}
			fmt.Fprintf(w, "    %s\n", productLine(lang, b, p, required))
		}
		// Products that support the block only in part (a national payment switch behind the
		// Payments gateway) are named on one line, never ranked; --all says why for each.
		var related []string
		for _, p := range m.Catalog.RelatedProductsFor(b.Block.ID) {
			if all {
				fmt.Fprintf(w, "    ~ %s\n", i18n.F(lang, "supports it in part, not ranked: %s", p.Name)+" — "+p.EvidenceNote.In(lang))
				continue
			}
			related = append(related, p.Name)
		}
		if len(related) > 0 {
			fmt.Fprintf(w, "    ~ %s\n", i18n.F(lang, "supports it in part, not ranked: %s", strings.Join(related, ", ")))
		}
	}
}

func gateSummary(lang string, gs []assess.GateState) string {
	if len(gs) == 0 {
		return "–"
	}
	var parts []string
	for _, g := range gs {
		parts = append(parts, words.Gate(lang, g.State))
	}
	return strings.Join(parts, ", ")
}

// productLine is a one-line summary of a ranked product: rank, evidence, licence, verification,
// and what else speaks for it (already in use, covers other required blocks).
func productLine(lang string, b catalog.RequiredBlock, p catalog.RankedProduct, required map[string]bool) string {
	pr := p.Product
	if p.Excluded {
		return i18n.F(lang, "excluded  %s — %s", pr.Name, words.Reasons(lang, p.Why, "; "))
	}
	ev := words.Evidence(lang, pr.Evidence)
	if pr.Evidence == catalog.EvidenceNone {
		ev = i18n.T(lang, "none: no GovStack evidence")
	} else if !pr.EvidenceVerified {
		ev += " " + i18n.T(lang, "(unverified)")
	}
	lic := orDash(pr.Licence)
	if pr.OpenSource {
		lic += i18n.T(lang, ", open source")
	}
	if !pr.LicenceVerified {
		lic += " " + i18n.T(lang, "(unverified)")
	}
	parts := []string{i18n.F(lang, "#%d %s — evidence %s", p.Rank, pr.Name, ev), i18n.F(lang, "licence %s", lic)}
	if p.OutOfScope {
		parts = append(parts, words.MaybeReason(lang, p.Scope))
	}
	if l := words.LifecycleLine(lang, pr); l != "" {
		parts = append(parts, l)
	}
	if pr.Overlay && b.Status == catalog.Build {
		parts = append(parts, i18n.T(lang, "works over an existing system of this block, and the block must be built"))
	}
	if !pr.BlocksVerified {
		parts = append(parts, i18n.T(lang, "fit to this block unverified"))
	}
	if b.Inventory != nil && b.Inventory.Product != "" && b.Inventory.Product == pr.ID {
		parts = append(parts, i18n.T(lang, "already in use in the country (inventory)"))
	}
	var others []string
	for _, id := range pr.Blocks {
		if id != b.Block.ID && required[id] {
			others = append(others, id)
		}
	}
	if len(others) > 0 {
		sort.Strings(others)
		parts = append(parts, i18n.F(lang, "also covers required %s", strings.Join(others, ", ")))
	}
	if pr.DPG != nil && *pr.DPG {
		parts = append(parts, words.DPGLine(lang, pr))
	}
	return semi(lang, parts...)
}
