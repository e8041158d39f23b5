package main

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

func (a *app) matchCmd() *cobra.Command {
	var cf countryFlags
	var format string
	var all bool
	c := &cobra.Command{
		Use:   "match [FILE]",
		Short: "Match the country's needs to building blocks: what to reuse, upgrade or build, gates, products",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			m, err := a.loadModel(args, cf)
			if err != nil {
				return err
			}
			if format == "json" {
				f := m.Doc.File
				return a.writeJSON(report.Match(report.CountryJSON{Name: f.Country.Name, ISO3: f.Country.ISO3}, m.Match, a.lang))
			}
			a.warn(m.Doc.Warnings)
			a.printMatch(m, all)
			return nil
		},
	}
	cf.register(c)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	c.Flags().BoolVar(&all, "all", false, "show every reason and every candidate product")
	return c
}

func (a *app) printMatch(m *countries.Model, all bool) {
	w, mt, f := a.out, m.Match, m.Doc.File
	fmt.Fprintf(w, "%s · architecture for %d use case(s)\n", f.Title(), len(mt.UseCases))
	if len(mt.Services) > 0 {
		fmt.Fprintln(w, "\nPriority services (impact × feasibility, 1–25):")
		tw := newTable(w)
		fmt.Fprintln(tw, "  #\tService\tPriority\tImpact\tFeasibility\tQuadrant\tUse case")
		for _, s := range mt.Services {
			fmt.Fprintf(tw, "  %d\t%s\t%.1f\t%.1f\t%.1f\t%s\t%s\n", s.Rank, s.Service.Name, s.Priority, s.Impact, s.Feasibility, s.Quadrant, s.Service.UseCase)
		}
		tw.Flush()
	}
	if len(mt.UseCases) == 0 {
		fmt.Fprintln(w, "\nNo use cases yet: add use_cases or services to the country file.")
		return
	}
	fmt.Fprintln(w, "\nUse cases needed:")
	for _, u := range mt.UseCases {
		kind := ""
		if u.UseCase.Custom {
			kind = " (custom)"
		}
		fmt.Fprintf(w, "  %-10s %s%s — %d blocks\n", u.UseCase.ID, u.UseCase.Name, kind, len(u.Blocks))
	}
	counts := map[string]int{}
	for _, b := range mt.Blocks {
		counts[b.Status]++
	}
	fmt.Fprintf(w, "\nBuilding blocks: %d required — %d reuse, %d upgrade, %d build\n", len(mt.Blocks), counts["reuse"], counts["upgrade"], counts["build"])
	tw := newTable(w)
	fmt.Fprintln(tw, "  Block\tStatus\tExisting system\tNeeded by\tGates\tTop product")
	for _, b := range mt.Blocks {
		sys := "–"
		if b.Inventory != nil && b.Inventory.System != "" {
			sys = b.Inventory.System
		}
		top := "–"
		for _, p := range b.Products {
			if !p.Excluded {
				top = p.Product.Name
				break
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", b.Block.Name, strings.ToUpper(b.Status), sys, strings.Join(b.NeededBy, ", "), gateSummary(b.GatedBy), top)
	}
	tw.Flush()
	if mt.ReuseFactor != nil {
		fmt.Fprintf(w, "\nReuse factor %.2f: each required block serves %.2f use cases on average (1.00 means no sharing).\n", *mt.ReuseFactor, *mt.ReuseFactor)
	}
	var blocked []string
	for _, b := range mt.Blocks {
		for _, g := range b.GatedBy {
			if g.State != assess.GateMet {
				cur := "not assessed"
				if g.Current != nil {
					cur = fmt.Sprintf("now %.1f", *g.Current)
				}
				blocked = append(blocked, fmt.Sprintf("  %s waits for %s ≥ %d (%s)", b.Block.Name, g.Indicator, g.Min, cur))
			}
		}
	}
	if len(blocked) > 0 {
		fmt.Fprintf(w, "\nReadiness gates blocking a deployment:\n%s\n", strings.Join(blocked, "\n"))
	}
	fmt.Fprintln(w, "\nWhy each block, and candidate products:")
	for _, b := range mt.Blocks {
		fmt.Fprintf(w, "\n  %s (%s)\n", b.Block.Name, b.Status)
		reasons := b.Reasons
		if !all {
			reasons = groupReasons(b.Reasons)
		}
		for _, r := range reasons {
			fmt.Fprintf(w, "    · %s\n", r)
		}
		shown := 0
		for _, p := range b.Products {
			if !all && shown == 3 {
				fmt.Fprintf(w, "    … %d more products (--all)\n", len(b.Products)-shown)
				break
			}
			shown++
			if all {
				rank := fmt.Sprintf("#%d", p.Rank)
				if p.Excluded {
					rank = "excluded"
				}
				fmt.Fprintf(w, "    %s %s: %s\n", rank, p.Product.Name, strings.Join(p.Reasons, "; "))
				continue
			}
			fmt.Fprintf(w, "    %s\n", productLine(p))
		}
	}
}

func gateSummary(gs []assess.GateState) string {
	if len(gs) == 0 {
		return "–"
	}
	var parts []string
	for _, g := range gs {
		parts = append(parts, g.State)
	}
	return strings.Join(parts, ", ")
}

// productLine is a one-line summary of a ranked product: rank, evidence, licence, verification.
func productLine(p catalog.RankedProduct) string {
	pr := p.Product
	if p.Excluded {
		return fmt.Sprintf("excluded  %s — %s", pr.Name, strings.TrimPrefix(p.Reasons[0], "excluded: "))
	}
	ev := pr.Evidence
	if pr.Evidence != catalog.EvidenceNone && !pr.EvidenceVerified {
		ev += " (unverified)"
	}
	lic := orDash(pr.Licence)
	if pr.OpenSource {
		lic += " open source"
	}
	if !pr.LicenceVerified {
		lic += " (unverified)"
	}
	line := fmt.Sprintf("#%d %s — evidence %s; licence %s", p.Rank, pr.Name, ev, lic)
	if !pr.BlocksVerified {
		line += "; fit to this block unverified"
	}
	for _, r := range p.Reasons {
		if strings.HasPrefix(r, "also covers") || strings.HasPrefix(r, "already in use") {
			line += "; " + r
		}
	}
	return line
}

// groupReasons folds "uc step N (name)" lines into one line per use case: "uc steps 2, 3, 7".
func groupReasons(reasons []string) []string {
	var out []string
	steps := map[string][]string{}
	var order []string
	for _, r := range reasons {
		uc, rest, ok := strings.Cut(r, " step ")
		if !ok || strings.HasPrefix(r, "needed by ") {
			out = append(out, r)
			continue
		}
		n, _, _ := strings.Cut(rest, " ")
		if _, seen := steps[uc]; !seen {
			order = append(order, uc)
		}
		steps[uc] = append(steps[uc], n)
	}
	var grouped []string
	for _, uc := range order {
		word := "step"
		if len(steps[uc]) > 1 {
			word = "steps"
		}
		grouped = append(grouped, fmt.Sprintf("%s %s %s", uc, word, strings.Join(steps[uc], ", ")))
	}
	return append(grouped, out...)
}
