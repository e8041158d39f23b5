package comparison

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/comparison/worldmap"
)

// userAssigned reports whether an alpha-3 code is one ISO 3166-1 leaves to users (AAA–AAZ,
// QMA–QZZ, XAA–XZZ, ZZA–ZZZ): the fictional countries of training and samples.
func userAssigned(iso3 string) bool {
	if len(iso3) != 3 {
		return false
	}
	switch {
	case strings.HasPrefix(iso3, "AA"), strings.HasPrefix(iso3, "X"), strings.HasPrefix(iso3, "ZZ"):
		return true
	case iso3[0] == 'Q' && iso3[1] >= 'M':
		return true
	}
	return false
}

// mapRows keeps one row per country for the map: its latest round.
func (p *page) mapRows() []*assess.CompareRow {
	seen := map[string]int{}
	var out []*assess.CompareRow
	for i := range p.c.Rows {
		r := p.c.Rows[i]
		code := strings.ToUpper(strings.TrimSpace(r.Entry.ISO3))
		if j, ok := seen[code]; ok && code != "" {
			if r.Entry.Date > out[j].Entry.Date {
				out[j] = r
			}
			continue
		}
		seen[code] = len(out)
		out = append(out, r)
	}
	return out
}

// worldMap draws the assessed countries on a world map, each shaded by its band and labelled
// with its ISO code, and lists beside it every country with its band in words: those on the
// map, and those it cannot show (fictional codes, or a state too small for the outlines).
func (p *page) worldMap() {
	l := p.l
	rows := p.mapRows()
	byCode := map[string]*assess.CompareRow{}
	var onMap, offMap []*assess.CompareRow
	for _, r := range rows {
		code := strings.ToUpper(strings.TrimSpace(r.Entry.ISO3))
		if !userAssigned(code) && worldmap.Has(code) {
			byCode[code] = r
			onMap = append(onMap, r)
		} else {
			offMap = append(offMap, r)
		}
	}
	p.section("map", e(i18n.T(l, "Map")))
	p.w("<p>%s</p>\n", e(i18n.T(l, "Each assessed country is shaded by its band and labelled with its ISO code; the lists below give the band in words.")))
	if len(onMap) == 0 {
		p.w(`<p class="note" role="note">%s</p>`+"\n", e(i18n.T(l, "None of the compared countries has an outline on the map (fictional codes or states too small at this scale), so the map is left out; the list below gives their bands.")))
		p.w(`<div class="maplists">`)
		p.mapLists(onMap, offMap)
		p.w("</div>\n</section>\n")
		return
	}
	p.w(`<figure class="map">`)
	title := i18n.F(l, "Assessed countries on the world map: %d shown", len(onMap))
	p.w(`<svg role="img" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d"><title>%s</title>`, worldmap.Width, worldmap.Height, e(title))
	p.w(`<rect width="%d" height="%d" fill="#f4f8fb"/>`, worldmap.Width, worldmap.Height)
	var labels strings.Builder
	for _, s := range worldmap.Shapes() {
		r := byCode[s.ISO3]
		if r == nil || s.ISO3 == "" {
			p.w(`<path class="land" d="%s"/>`, s.Path)
			continue
		}
		class, band := "mnone", i18n.T(l, "not scored")
		if r.Overall != nil {
			class = fmt.Sprintf("m%d", p.bandIndex(*r.Overall))
			band = p.band(r.Overall)
		}
		p.w(`<path class="%s" data-iso3="%s" d="%s"><title>%s</title></path>`, class, e(s.ISO3), s.Path,
			e(fmt.Sprintf("%s (%s): %s, %s", r.Entry.Name, s.ISO3, p.score(r.Overall), band)))
		if s.Size >= 12 || len(onMap) <= 12 { // small states are labelled only on a small map
			fmt.Fprintf(&labels, `<text x="%d" y="%d" class="lbl">%s</text>`, s.LabelX, s.LabelY+3, e(s.ISO3))
		}
	}
	p.w("%s</svg>\n", labels.String())
	p.w("<figcaption>%s</figcaption></figure>\n", e(i18n.T(l, "Country outlines: Natural Earth 1:110m (public domain), by way of world-atlas.")))

	p.w(`<div class="maplists">`)
	p.mapLists(onMap, offMap)
	p.w("</div>\n</section>\n")
}

// mapLists writes the bands' legend and the countries on and off the map with their band words.
func (p *page) mapLists(onMap, offMap []*assess.CompareRow) {
	l := p.l
	p.w("<h3>%s</h3>\n", e(i18n.T(l, "Bands")))
	p.w(`<ul class="legend">`)
	for i, b := range p.c.Framework.Bands {
		p.w(`<li><span class="sw m%d"></span>%s</li>`, min(i, 4), e(b.Name.In(l)))
	}
	p.w("</ul>\n")
	list := func(head string, rs []*assess.CompareRow, why bool) {
		if len(rs) == 0 {
			return
		}
		p.w("<h3>%s</h3>\n<ul class=\"places\">\n", e(head))
		for _, r := range rs {
			code := strings.ToUpper(strings.TrimSpace(r.Entry.ISO3))
			band := p.band(r.Overall)
			if band == "" {
				band = i18n.T(l, "not scored")
			}
			line := fmt.Sprintf("<b>%s</b> %s: %s, %s", e(code), e(r.Entry.Name), p.score(r.Overall), e(band))
			if why {
				reason := i18n.T(l, "no outline at this scale")
				if userAssigned(code) {
					reason = i18n.T(l, "fictional (a code ISO leaves to users)")
				}
				line += fmt.Sprintf(` <span class="why">(%s)</span>`, e(reason))
			}
			p.w(`<li data-iso3="%s">%s</li>`+"\n", e(code), line)
		}
		p.w("</ul>\n")
	}
	list(i18n.T(l, "On the map"), onMap, false)
	list(i18n.T(l, "Not on the map"), offMap, true)
}

// mapCSS styles the map: the shades follow the heat map's, and land without an assessment is grey.
const mapCSS = `
.maplists { font-size: 9pt; }
.maplists ul { list-style: none; padding: 0; margin: 0 0 6pt; }
.maplists ul.places { columns: 3 16em; column-gap: 12pt; }
.maplists ul.legend li { display: inline-block; margin-right: 12pt; }
.maplists li { margin: 1pt 0; }
.maplists .why { color: #4a4a4a; }
svg .land { fill: #dedede; stroke: #fff; stroke-width: 0.4; }
svg .m0, .sw.m0 { fill: #e06666; background: #e06666; } svg .m1, .sw.m1 { fill: #f6b26b; background: #f6b26b; }
svg .m2, .sw.m2 { fill: #ffd966; background: #ffd966; } svg .m3, .sw.m3 { fill: #93c47d; background: #93c47d; }
svg .m4, .sw.m4 { fill: #38761d; background: #38761d; } svg .mnone { fill: #999; }
svg [data-iso3] { stroke: #333; stroke-width: 0.6; }
svg .lbl { font: bold 9px sans-serif; fill: #000; stroke: #fff; stroke-width: 2.5px; paint-order: stroke; text-anchor: middle; }
.sw { display: inline-block; width: 1em; height: 0.8em; margin-right: 4pt; border: 0.5pt solid #333; vertical-align: middle; }
`
