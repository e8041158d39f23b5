package main

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/output/words"
	"github.com/spf13/cobra"
)

func (a *app) catalogBlocksCmd(o *catalogOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "blocks [ID]",
		Short: i18n.T(a.lang, "List the building blocks, or show one with its dependencies and products"),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCatalogBlocks(args, *o)
		},
	}
}

func (a *app) runCatalogBlocks(args []string, o catalogOptions) error {
	cat, err := a.catalogFor(o.format)
	if err != nil {
		return err
	}
	if len(args) == 1 {
		b := cat.Block(args[0])
		if b == nil {
			return inputMsg(i18n.F(a.lang, "unknown block %q; blocks: %s", args[0], strings.Join(cat.BlockIDs(), ", ")))
		}
		if o.format == "json" {
			return a.writeJSON(report.Block(cat, b, a.lang))
		}
		a.printBlock(cat, b)
		return nil
	}
	if o.format == "json" {
		out := []report.BlockJSON{}
		for _, b := range cat.Blocks {
			out = append(out, report.Block(cat, b, a.lang))
		}
		return a.writeList("blocks", out)
	}
	tw := newTable(a.out)
	fmt.Fprintln(tw, strings.Join([]string{"ID", i18n.T(a.lang, "Name"), i18n.T(a.lang, "Category"), i18n.T(a.lang, "Spec"), i18n.T(a.lang, "Depends on"), i18n.T(a.lang, "Products")}, "\t"))
	for _, b := range cat.Blocks {
		var deps []string
		for _, d := range b.DependsOn {
			if d.IsRequired() {
				deps = append(deps, d.Block)
			} else {
				deps = append(deps, i18n.F(a.lang, "(%s)", d.Block))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", b.ID, b.Name.In(a.lang), words.Category(a.lang, b.Category), orDash(b.SpecVersion), orDash(strings.Join(deps, ", ")), len(cat.ProductsFor(b.ID)))
	}
	return tw.Flush()
}

func (a *app) printBlock(cat *catalog.Catalog, b *catalog.Block) {
	w, lang := a.out, a.lang
	fmt.Fprintf(w, "%s\n\n%s\n", i18n.F(lang, "%s (%s) · %s · spec %s", b.Name.In(lang), b.ID, words.Category(lang, b.Category), orDash(b.SpecVersion)), wrap(b.Purpose.In(lang), 92, ""))
	if len(b.Functionalities) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Key functionalities:"))
		for _, f := range b.Functionalities {
			fmt.Fprintf(w, "  - %s\n", f)
		}
	}
	if req := b.Requires(); len(req) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Requires (pulled into every architecture that needs this block):"))
		for _, d := range req {
			fmt.Fprintf(w, "  - %s: %s\n", d.Block, wrap(d.Reason.In(lang), 88, "    "))
			fmt.Fprintf(w, "    %s\n", wrap(i18n.F(lang, "Source: %s", d.Source), 88, "    "))
		}
	}
	if rec := b.Recommends(); len(rec) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Recommends (an option, never pulled in):"))
		for _, d := range rec {
			fmt.Fprintf(w, "  - %s: %s\n", d.Block, wrap(d.Reason.In(lang), 88, "    "))
			fmt.Fprintf(w, "    %s\n", wrap(i18n.F(lang, "Source: %s", d.Source), 88, "    "))
		}
	}
	if ps := cat.ProductsFor(b.ID); len(ps) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Candidate products:"))
		tw := newTable(w)
		for _, p := range ps {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", p.ID, p.Name,
				i18n.F(lang, "evidence %s%s", words.Evidence(lang, p.Evidence), unverifiedMark(lang, p.EvidenceVerified || p.Evidence == catalog.EvidenceNone)),
				i18n.F(lang, "licence %s%s", orDash(p.Licence), unverifiedMark(lang, p.LicenceVerified)))
		}
		tw.Flush()
	}
	if ps := cat.RelatedProductsFor(b.ID); len(ps) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Supports part of it (not a candidate on its own):"))
		for _, p := range ps {
			fmt.Fprintf(w, "  %s: %s\n", p.Name, wrap(p.EvidenceNote.In(lang), 84, "    "))
		}
	}
	if len(b.LegacyNames) > 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Older names: %s", strings.Join(b.LegacyNames, ", ")))
	}
	fmt.Fprintf(w, "\n%s\n", i18n.F(lang, "Source: %s", b.Source))
}

func unverifiedMark(lang string, v bool) string {
	if v {
		return ""
	}
	return " " + i18n.T(lang, "(unverified)")
}

// useCaseStatusText names the publication status of a use case.
func useCaseStatusText(lang, s string) string {
	switch s {
	case "draft":
		return i18n.T(lang, "draft")
	case "published":
		return i18n.T(lang, "published")
	}
	return s
}

// deploymentText names a way a product can be deployed.
func deploymentText(lang, d string) string {
	switch d {
	case "on-premise":
		return i18n.T(lang, "on premises")
	case "cloud":
		return i18n.T(lang, "cloud")
	case "saas":
		return i18n.T(lang, "software as a service")
	}
	return d
}

// catalogUseCasesOptions are the flags of `govplan catalog usecases`.
type catalogUseCasesOptions struct {
	catalogOptions
	legacy bool
}

func (a *app) catalogUseCasesCmd(parent *catalogOptions) *cobra.Command {
	var o catalogUseCasesOptions
	c := &cobra.Command{
		Use:   "usecases [ID]",
		Short: i18n.T(a.lang, "List the reference use cases, or show one as steps × blocks"),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.catalogOptions = *parent
			return a.runCatalogUseCases(args, o)
		},
	}
	c.Flags().BoolVar(&o.legacy, "legacy", false, i18n.T(a.lang, "include the older SDG Digital Investment Framework variants"))
	return c
}

func (a *app) runCatalogUseCases(args []string, o catalogUseCasesOptions) error {
	cat, err := a.catalogFor(o.format)
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
			return inputMsg(i18n.F(a.lang, "unknown use case %q; use cases: %s", args[0], strings.Join(ids, ", ")))
		}
		if o.format == "json" {
			return a.writeJSON(report.UseCase(u, a.lang))
		}
		a.printUseCase(cat, u)
		return nil
	}
	var list []*catalog.UseCase
	for _, u := range cat.UseCases {
		if !u.Legacy || o.legacy {
			list = append(list, u)
		}
	}
	if o.format == "json" {
		out := []report.UseCaseJSON{}
		for _, u := range list {
			out = append(out, report.UseCase(u, a.lang))
		}
		return a.writeList("use_cases", out)
	}
	tw := newTable(a.out)
	fmt.Fprintln(tw, strings.Join([]string{"ID", i18n.T(a.lang, "Name"), i18n.T(a.lang, "Sector"), i18n.T(a.lang, "Version"), i18n.T(a.lang, "Steps"), i18n.T(a.lang, "Blocks")}, "\t"))
	for _, u := range list {
		name := u.Name.In(a.lang)
		if u.Legacy {
			name += " " + i18n.T(a.lang, "(legacy)")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\n", u.ID, name, words.Sector(a.lang, u.Sector), u.Version, len(u.Steps), len(u.Blocks()))
	}
	tw.Flush()
	if !o.legacy {
		fmt.Fprintf(a.out, "\n%s\n", i18n.T(a.lang, "Older SDG Digital Investment Framework variants: add --legacy"))
	}
	return nil
}

// printUseCase shows a use case as a grid of steps × blocks.
func (a *app) printUseCase(cat *catalog.Catalog, u *catalog.UseCase) {
	w, lang := a.out, a.lang
	fmt.Fprint(w, i18n.F(lang, "%s %s · %s · version %s", strings.ToUpper(u.ID), u.Name.In(lang), words.Sector(lang, u.Sector), u.Version))
	if u.Status != "" {
		fmt.Fprintf(w, " (%s)", useCaseStatusText(lang, u.Status))
	}
	fmt.Fprintln(w)
	if len(u.SDGs) > 0 {
		fmt.Fprintln(w, i18n.F(lang, "SDGs: %s", strings.Join(u.SDGs, ", ")))
	}
	if u.Summary.In(lang) != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(u.Summary.In(lang), 92, ""))
	}
	blocks := u.Blocks()
	fmt.Fprintln(w)
	tw := newTable(w)
	header := []string{"#", i18n.T(lang, "Step")}
	for _, b := range blocks {
		header = append(header, words.BlockAbbrev(b, false))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for i, s := range u.Steps {
		n := fmt.Sprint(i + 1)
		if s.Label != "" && s.Label != n {
			n += " (" + s.Label + ")"
		}
		row := []string{n, s.Name.In(lang)}
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
	fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "Blocks:"))
	for _, b := range blocks {
		name := b
		if blk := cat.Block(b); blk != nil {
			name = blk.Name.In(lang)
		}
		fmt.Fprintf(w, "  %-5s %s\n", words.BlockAbbrev(b, false), name)
	}
	if deps := cat.Closure(blocks); len(deps) > len(blocks) {
		var extra []string
		for _, d := range deps {
			if !contains(blocks, d) {
				extra = append(extra, d)
			}
		}
		fmt.Fprintln(w, i18n.F(lang, "Also needed through dependencies: %s", strings.Join(extra, ", ")))
	}
	if u.Notes != "" {
		label := i18n.T(lang, "Notes:")
		indent := strings.Repeat(" ", displayWidth(label)+1)
		fmt.Fprintf(w, "\n%s %s\n", label, wrap(u.Notes, 92, indent))
	}
	fmt.Fprintln(w, i18n.F(lang, "Source: %s", u.Source))
}

func (a *app) catalogProductsCmd(o *catalogOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "products [ID]",
		Short: i18n.T(a.lang, "List candidate products with their blocks, evidence and licence (and what is verified)"),
		Args:  a.maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCatalogProducts(args, *o)
		},
	}
}

func (a *app) runCatalogProducts(args []string, o catalogOptions) error {
	cat, err := a.catalogFor(o.format)
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
			return inputMsg(i18n.F(a.lang, "unknown product %q; products: %s", args[0], strings.Join(ids, ", ")))
		}
		if o.format == "json" {
			return a.writeJSON(report.Product(p, a.lang))
		}
		list = []*catalog.Product{p}
	}
	if o.format == "json" {
		out := []report.ProductJSON{}
		for _, p := range list {
			out = append(out, report.Product(p, a.lang))
		}
		return a.writeList("products", out)
	}
	lang := a.lang
	if len(args) == 1 {
		p := list[0]
		w := a.out
		var deploy []string
		for _, d := range p.Deployment {
			deploy = append(deploy, deploymentText(lang, d))
		}
		fields := [][2]string{
			{i18n.T(lang, "Blocks:"), orDash(strings.Join(p.Blocks, ", ")) + unverifiedMark(lang, p.BlocksVerified)},
		}
		if len(p.RelatedBlocks) > 0 {
			fields = append(fields, [2]string{i18n.T(lang, "Supports in part:"), strings.Join(p.RelatedBlocks, ", ")})
		}
		fields = append(fields, [2]string{i18n.T(lang, "Evidence:"), words.Evidence(lang, p.Evidence) + unverifiedMark(lang, p.EvidenceVerified || p.Evidence == catalog.EvidenceNone)})
		if note := p.EvidenceNote.In(lang); note != "" {
			fields = append(fields, [2]string{"", note})
		}
		if !p.Scope.Generic() {
			fields = append(fields, [2]string{i18n.T(lang, "Scope:"), scopeText(lang, p) + unverifiedMark(lang, p.Scope.Verified)})
		}
		fields = append(fields, [2]string{i18n.T(lang, "DPG:"), words.DPGLine(lang, p)})
		if p.DPGSource != "" {
			fields = append(fields, [2]string{"", p.DPGSource})
		}
		if l := words.LifecycleLine(lang, p); l != "" {
			fields = append(fields, [2]string{i18n.T(lang, "Lifecycle:"), l}, [2]string{"", p.Lifecycle.Source})
		}
		fields = append(fields,
			[2]string{i18n.T(lang, "Licence:"), orDash(p.Licence) + unverifiedMark(lang, p.LicenceVerified)},
			[2]string{i18n.T(lang, "Deployment:"), strings.Join(deploy, ", ")},
			[2]string{i18n.T(lang, "Source:"), p.Source})
		width := 0
		for _, f := range fields {
			width = max(width, displayWidth(f[0]))
		}
		fmt.Fprintf(w, "%s (%s)\n\n%s\n\n", p.Name, p.ID, wrap(p.Summary.In(lang), 92, ""))
		indent := strings.Repeat(" ", width+1)
		for _, f := range fields {
			fmt.Fprintf(w, "%s%s\n", padRight(f[0], width+1), wrap(f[1], 92-width-1, indent))
		}
		return nil
	}
	tw := newTable(a.out)
	fmt.Fprintln(tw, strings.Join([]string{"ID", i18n.T(lang, "Name"), i18n.T(lang, "Blocks"), i18n.T(lang, "Evidence"), i18n.T(lang, "Licence"), i18n.T(lang, "Scope"), "DPG", i18n.T(lang, "Lifecycle")}, "\t"))
	for _, p := range list {
		blocks := strings.Join(p.Blocks, ", ") + unverifiedMark(lang, p.BlocksVerified)
		if len(p.Blocks) == 0 {
			blocks = i18n.F(lang, "(part of %s)", strings.Join(p.RelatedBlocks, ", "))
		}
		scope := i18n.T(lang, "any")
		if !p.Scope.Generic() {
			scope = strings.Join(append(append([]string{}, p.Scope.Sectors...), p.Scope.UseCases...), ", ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\t%s%s\t%s\t%s\t%s\n", p.ID, p.Name, blocks,
			words.Evidence(lang, p.Evidence), unverifiedMark(lang, p.EvidenceVerified || p.Evidence == catalog.EvidenceNone), orDash(p.Licence), unverifiedMark(lang, p.LicenceVerified),
			scope, dpgShort(lang, p), lifecycleShort(lang, p))
	}
	tw.Flush()
	fmt.Fprintf(a.out, "\n%s\n", i18n.T(lang, "(part of X): supports a block only in part (a component, protocol or emulator); never ranked as a candidate."))
	fmt.Fprintln(a.out, i18n.T(lang, "(unverified) marks facts the GovStack sources do not confirm."))
	fmt.Fprintln(a.out, i18n.T(lang, "Scope: where a product usually fits (any: every use case). DPG: registered Digital Public Good (?: unknown)."))
	return nil
}

// catalogFor checks --format and loads the catalog.
func (a *app) catalogFor(format string) (*catalog.Catalog, error) {
	if err := a.formatFlag(format, "text", "json"); err != nil {
		return nil, err
	}
	return a.catalog()
}

// wrap folds text at width columns of display width; continuation lines start with indent.
// It breaks at ordinary spaces only, never at a no-break space ("1 234", "pays :").
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := 0
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' })
	for i, word := range words {
		if i > 0 {
			if col+1+displayWidth(word) > width {
				b.WriteString("\n" + indent)
				col = displayWidth(indent)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += displayWidth(word)
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

// texts says each text in lang.
func texts(ts []i18n.Text, lang string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(lang)
	}
	return out
}

// sectorNames names each sector in lang.
func sectorNames(ids []string, lang string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = words.Sector(lang, id)
	}
	return out
}

// scopeText says what a product is made for and where it fits.
func scopeText(lang string, p *catalog.Product) string {
	var parts []string
	if len(p.Scope.Functions) > 0 {
		parts = append(parts, strings.Join(texts(p.Scope.Functions, lang), "; "))
	}
	if len(p.Scope.Sectors) > 0 {
		parts = append(parts, i18n.F(lang, "sectors %s", strings.Join(sectorNames(p.Scope.Sectors, lang), ", ")))
	}
	if len(p.Scope.UseCases) > 0 {
		parts = append(parts, i18n.F(lang, "use cases %s", strings.Join(p.Scope.UseCases, ", ")))
	}
	out := strings.Join(parts, " · ")
	if note := p.Scope.Note.In(lang); note != "" {
		out += " — " + note
	}
	return out
}

// dpgShort is the DPG column: yes, no or ? (unknown).
func dpgShort(lang string, p *catalog.Product) string {
	switch {
	case p.DPG == nil:
		return "?"
	case *p.DPG:
		return i18n.T(lang, "yes")
	default:
		return i18n.T(lang, "no")
	}
}

// lifecycleShort is the lifecycle column: – when active.
func lifecycleShort(lang string, p *catalog.Product) string {
	switch p.LifecycleStatus() {
	case catalog.LifecycleEndOfLife:
		return i18n.T(lang, "end of life")
	case catalog.LifecycleLicenceChange:
		return i18n.T(lang, "licence change")
	}
	return "–"
}
