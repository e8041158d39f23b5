package main

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

func (a *app) catalogBlocksCmd(format *string) *cobra.Command {
	return &cobra.Command{
		Use:   "blocks [ID]",
		Short: "List the building blocks, or show one with its dependencies and products",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalogFor(*format)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				b := cat.Block(args[0])
				if b == nil {
					return inputErrorf("unknown block %q; blocks: %s", args[0], strings.Join(cat.BlockIDs(), ", "))
				}
				if *format == "json" {
					return a.writeJSON(report.Block(cat, b, a.lang))
				}
				a.printBlock(cat, b)
				return nil
			}
			if *format == "json" {
				out := []report.BlockJSON{}
				for _, b := range cat.Blocks {
					out = append(out, report.Block(cat, b, a.lang))
				}
				return a.writeJSON(out)
			}
			tw := newTable(a.out)
			fmt.Fprintln(tw, "ID\tName\tCategory\tSpec\tDepends on\tProducts")
			for _, b := range cat.Blocks {
				var deps []string
				for _, d := range b.DependsOn {
					deps = append(deps, d.Block)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", b.ID, b.Name, b.Category, orDash(b.SpecVersion), orDash(strings.Join(deps, ", ")), len(cat.ProductsFor(b.ID)))
			}
			return tw.Flush()
		},
	}
}

func (a *app) printBlock(cat *catalog.Catalog, b *catalog.Block) {
	w := a.out
	fmt.Fprintf(w, "%s (%s) · %s · spec %s\n\n%s\n", b.Name, b.ID, b.Category, orDash(b.SpecVersion), wrap(b.Purpose.In(a.lang), 92, ""))
	if len(b.Functionalities) > 0 {
		fmt.Fprintln(w, "\nKey functionalities:")
		for _, f := range b.Functionalities {
			fmt.Fprintf(w, "  - %s\n", f)
		}
	}
	if len(b.DependsOn) > 0 {
		fmt.Fprintln(w, "\nDepends on:")
		for _, d := range b.DependsOn {
			fmt.Fprintf(w, "  - %s: %s\n", d.Block, wrap(d.Reason, 88, "    "))
		}
	}
	if ps := cat.ProductsFor(b.ID); len(ps) > 0 {
		fmt.Fprintln(w, "\nCandidate products:")
		tw := newTable(w)
		for _, p := range ps {
			fmt.Fprintf(tw, "  %s\t%s\tevidence %s%s\tlicence %s%s\n", p.ID, p.Name, p.Evidence, unverifiedMark(p.EvidenceVerified || p.Evidence == catalog.EvidenceNone), orDash(p.Licence), unverifiedMark(p.LicenceVerified))
		}
		tw.Flush()
	}
	if ps := cat.RelatedProductsFor(b.ID); len(ps) > 0 {
		fmt.Fprintln(w, "\nSupports part of it (not a candidate on its own):")
		for _, p := range ps {
			fmt.Fprintf(w, "  %s: %s\n", p.Name, wrap(p.EvidenceNote, 84, "    "))
		}
	}
	if len(b.LegacyNames) > 0 {
		fmt.Fprintf(w, "\nOlder names: %s\n", strings.Join(b.LegacyNames, ", "))
	}
	fmt.Fprintf(w, "\nSource: %s\n", b.Source)
}

func unverifiedMark(v bool) string {
	if v {
		return ""
	}
	return " (unverified)"
}

func (a *app) catalogUseCasesCmd(format *string) *cobra.Command {
	var legacy bool
	c := &cobra.Command{
		Use:   "usecases [ID]",
		Short: "List the reference use cases, or show one as steps × blocks",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalogFor(*format)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				u := cat.UseCase(args[0])
				if u == nil {
					var ids []string
					for _, u := range cat.UseCases {
						ids = append(ids, u.ID)
					}
					return inputErrorf("unknown use case %q; use cases: %s", args[0], strings.Join(ids, ", "))
				}
				if *format == "json" {
					return a.writeJSON(report.UseCase(u, a.lang))
				}
				a.printUseCase(cat, u)
				return nil
			}
			var list []*catalog.UseCase
			for _, u := range cat.UseCases {
				if !u.Legacy || legacy {
					list = append(list, u)
				}
			}
			if *format == "json" {
				out := []report.UseCaseJSON{}
				for _, u := range list {
					out = append(out, report.UseCase(u, a.lang))
				}
				return a.writeJSON(out)
			}
			tw := newTable(a.out)
			fmt.Fprintln(tw, "ID\tName\tSector\tVersion\tSteps\tBlocks")
			for _, u := range list {
				name := u.Name.In(a.lang)
				if u.Legacy {
					name += " (legacy)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\n", u.ID, name, u.Sector, u.Version, len(u.Steps), len(u.Blocks()))
			}
			tw.Flush()
			if !legacy {
				fmt.Fprintln(a.out, "\nOlder SDG Digital Investment Framework variants: add --legacy")
			}
			return nil
		},
	}
	c.Flags().BoolVar(&legacy, "legacy", false, "include the older SDG Digital Investment Framework variants")
	return c
}

// printUseCase shows a use case as a grid of steps × blocks.
func (a *app) printUseCase(cat *catalog.Catalog, u *catalog.UseCase) {
	w := a.out
	fmt.Fprintf(w, "%s %s · %s · version %s", strings.ToUpper(u.ID), u.Name, u.Sector, u.Version)
	if u.Status != "" {
		fmt.Fprintf(w, " (%s)", u.Status)
	}
	fmt.Fprintln(w)
	if len(u.SDGs) > 0 {
		fmt.Fprintf(w, "SDGs: %s\n", strings.Join(u.SDGs, ", "))
	}
	if u.Summary.In(a.lang) != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(u.Summary.In(a.lang), 92, ""))
	}
	blocks := u.Blocks()
	fmt.Fprintln(w)
	tw := newTable(w)
	header := []string{"#", "Step"}
	for _, b := range blocks {
		header = append(header, abbrev(b))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for i, s := range u.Steps {
		n := fmt.Sprint(i + 1)
		if s.Label != "" && s.Label != n {
			n += " (" + s.Label + ")"
		}
		row := []string{n, s.Name.In(a.lang)}
		for _, b := range blocks {
			mark := "·"
			for _, sb := range s.Blocks {
				if sb == b {
					mark = "●"
				}
			}
			row = append(row, mark)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nBlocks:")
	for _, b := range blocks {
		name := b
		if blk := cat.Block(b); blk != nil {
			name = blk.Name.In(a.lang)
		}
		fmt.Fprintf(w, "  %-5s %s\n", abbrev(b), name)
	}
	if deps := cat.Closure(blocks); len(deps) > len(blocks) {
		var extra []string
		for _, d := range deps {
			if !contains(blocks, d) {
				extra = append(extra, d)
			}
		}
		fmt.Fprintf(w, "Also needed through dependencies: %s\n", strings.Join(extra, ", "))
	}
	if u.Notes != "" {
		fmt.Fprintf(w, "\nNotes: %s\n", wrap(u.Notes, 92, "       "))
	}
	fmt.Fprintf(w, "Source: %s\n", u.Source)
}

// abbrev is the short column name of a block in step grids.
func abbrev(id string) string {
	short := map[string]string{
		"identity": "ID", "information-mediator": "IM", "workflow": "WF", "digital-registries": "DR",
		"registration": "Reg", "consent": "Cons", "messaging": "Msg", "payments": "Pay", "scheduler": "Sch",
		"e-signature": "eSig", "e-marketplace": "eMkt", "gis": "GIS", "wallet": "Wal", "cloud-infrastructure": "Cloud",
		"cms": "CMS", "e-learning": "eLrn", "shared-data-repository": "SDR", "data-collection": "DC",
		"artificial-intelligence": "AI", "analytics": "BI", "content-management": "CM", "mobility-management": "MM",
	}
	if s, ok := short[id]; ok {
		return s
	}
	return id
}

func (a *app) catalogProductsCmd(format *string) *cobra.Command {
	return &cobra.Command{
		Use:   "products [ID]",
		Short: "List candidate products with their blocks, evidence and licence (and what is verified)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := a.catalogFor(*format)
			if err != nil {
				return err
			}
			list := cat.Products
			if len(args) == 1 {
				p := cat.Product(args[0])
				if p == nil {
					var ids []string
					for _, p := range cat.Products {
						ids = append(ids, p.ID)
					}
					return inputErrorf("unknown product %q; products: %s", args[0], strings.Join(ids, ", "))
				}
				if *format == "json" {
					return a.writeJSON(report.Product(p))
				}
				list = []*catalog.Product{p}
			}
			if *format == "json" {
				out := []report.ProductJSON{}
				for _, p := range list {
					out = append(out, report.Product(p))
				}
				return a.writeJSON(out)
			}
			if len(args) == 1 {
				p := list[0]
				w := a.out
				fmt.Fprintf(w, "%s (%s)\n\n%s\n\n", p.Name, p.ID, wrap(p.Summary, 92, ""))
				fmt.Fprintf(w, "Blocks:     %s%s\n", orDash(strings.Join(p.Blocks, ", ")), unverifiedMark(p.BlocksVerified))
				if len(p.RelatedBlocks) > 0 {
					fmt.Fprintf(w, "Supports in part: %s\n", strings.Join(p.RelatedBlocks, ", "))
				}
				fmt.Fprintf(w, "Evidence:   %s%s\n", p.Evidence, unverifiedMark(p.EvidenceVerified || p.Evidence == catalog.EvidenceNone))
				if p.EvidenceNote != "" {
					fmt.Fprintf(w, "            %s\n", wrap(p.EvidenceNote, 80, "            "))
				}
				fmt.Fprintf(w, "Licence:    %s%s\n", orDash(p.Licence), unverifiedMark(p.LicenceVerified))
				fmt.Fprintf(w, "Deployment: %s\n", strings.Join(p.Deployment, ", "))
				fmt.Fprintf(w, "Source:     %s\n", p.Source)
				return nil
			}
			tw := newTable(a.out)
			fmt.Fprintln(tw, "ID\tName\tBlocks\tEvidence\tLicence")
			for _, p := range list {
				blocks := strings.Join(p.Blocks, ", ") + unverifiedMark(p.BlocksVerified)
				if len(p.Blocks) == 0 {
					blocks = "(part of " + strings.Join(p.RelatedBlocks, ", ") + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\t%s%s\n", p.ID, p.Name, blocks,
					p.Evidence, unverifiedMark(p.EvidenceVerified || p.Evidence == catalog.EvidenceNone), orDash(p.Licence), unverifiedMark(p.LicenceVerified))
			}
			tw.Flush()
			fmt.Fprintln(a.out, "\n(part of X): supports a block only in part (a component, protocol or emulator); never ranked as a candidate.")
			fmt.Fprintln(a.out, "(unverified) marks facts the GovStack sources do not confirm.")
			return nil
		},
	}
}

// catalogFor checks --format and loads the catalog.
func (a *app) catalogFor(format string) (*catalog.Catalog, error) {
	if err := formatFlag(format, "text", "json"); err != nil {
		return nil, err
	}
	return a.catalog()
}

// wrap folds text at width columns; continuation lines start with indent.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		if i > 0 {
			if col+1+len([]rune(word)) > width {
				b.WriteString("\n" + indent)
				col = len(indent)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += len([]rune(word))
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
