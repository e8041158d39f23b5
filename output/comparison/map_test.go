package comparison

import (
	"regexp"
	"strings"
	"testing"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/output/comparison/worldmap"
)

// The map has one shape per real country compared, shaded and named in its title with its
// band word; fictional (user-assigned) codes and states without an outline are listed beside
// it with their band words and why they are not drawn.
func TestPortfolioMap(t *testing.T) {
	c, _ := samples(t)
	var entries []*assess.CompareEntry
	codes := []string{"KEN", "FRA", "XCR", "SGP"} // real, real, fictional, too small at 1:110m
	for i, r := range c.Rows {
		en := *r.Entry
		en.ISO3 = codes[i]
		entries = append(entries, &en)
	}
	extra := *c.Rows[0].Entry
	extra.ISO3, extra.Name, extra.File = "SGP", "Singapore", "sgp"
	entries = append(entries, &extra)
	cmp, err := assess.Compare(entries, assess.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := string(HTML(cmp, nil, "en", HTMLOptions{}))
	start := strings.Index(doc, `<section id="map">`)
	if start < 0 {
		t.Fatal("no map section")
	}
	sec := doc[start:]
	sec = sec[:strings.Index(sec, "</section>")]
	svg := sec[strings.Index(sec, "<svg"):strings.Index(sec, "</svg>")]
	shapes := regexp.MustCompile(`<path class="(m[0-9]|mnone)" data-iso3="([A-Z]{3})" d="[^"]+"><title>([^<]*)</title>`).FindAllStringSubmatch(svg, -1)
	got := map[string]string{}
	for _, s := range shapes {
		if _, dup := got[s[2]]; dup {
			t.Errorf("two shapes for %s", s[2])
		}
		got[s[2]] = s[3]
	}
	if len(got) != 2 || got["KEN"] == "" || got["FRA"] == "" {
		t.Fatalf("shapes for %v, want KEN and FRA", got)
	}
	for code, title := range got {
		var band string
		for _, r := range cmp.Rows {
			if r.Entry.ISO3 == code && r.Band != nil {
				band = r.Band.Name.In("en")
			}
		}
		if band == "" || !strings.Contains(title, band) {
			t.Errorf("%s: title %q lacks its band %q", code, title, band)
		}
		if !strings.Contains(svg, `class="lbl">`+code+`</text>`) {
			t.Errorf("%s: no label on the map", code)
		}
	}
	if n := strings.Count(svg, `class="land"`); n != len(worldmap.Shapes())-2 {
		t.Errorf("%d unassessed shapes, want %d", n, len(worldmap.Shapes())-2)
	}
	lists := sec[strings.Index(sec, "</svg>"):]
	for _, want := range []string{`data-iso3="XCR"`, "fictional", `data-iso3="SGP"`, "no outline at this scale", `data-iso3="KEN"`} {
		if !strings.Contains(lists, want) {
			t.Errorf("the lists beside the map lack %q", want)
		}
	}
	for _, r := range cmp.Rows {
		if r.Band != nil && !strings.Contains(lists, r.Band.Name.In("en")) {
			t.Errorf("%s's band %q is not in words beside the map", r.Entry.ISO3, r.Band.Name.In("en"))
		}
	}

	// Only fictional countries: no empty map, the list alone.
	c2, _ := samples(t)
	only := string(HTML(c2, nil, "en", HTMLOptions{}))
	sec2 := only[strings.Index(only, `<section id="map">`):]
	sec2 = sec2[:strings.Index(sec2, "</section>")]
	if strings.Contains(sec2, "<svg") || !strings.Contains(sec2, `data-iso3="XBK"`) {
		t.Errorf("all-fictional portfolio: the map section is\n%s", sec2)
	}
}

func TestUserAssigned(t *testing.T) {
	for code, want := range map[string]bool{"XBK": true, "XAA": true, "AAA": true, "QMZ": true, "QLA": false, "ZZZ": true, "KEN": false, "FRA": false, "ZAF": false} {
		if userAssigned(code) != want {
			t.Errorf("userAssigned(%s) = %v", code, !want)
		}
	}
}
