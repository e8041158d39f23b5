// Package worldmap holds the country outlines the portfolio page's map draws: Natural Earth's
// 1:110m Admin 0 countries (public domain), by way of the npm package world-atlas 2.0.2 (ISC,
// see NOTICE), projected once by mkworld.go into world.txt. Nothing is fetched at run time.
package worldmap

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// The map's size in SVG units: longitude -180..180 across, latitude 84..-58 down.
const (
	Width  = 1000
	Height = 395
)

// Shape is one country's outline.
type Shape struct {
	ISO3   string // ISO 3166-1 alpha-3; "" for a territory without a code (Kosovo, Somaliland)
	Path   string // SVG path data
	LabelX int    // a point near the middle of its largest part, for a label
	LabelY int
	Size   int // the smaller side of its largest part's bounding box: room for a label
}

//go:embed world.txt
var world string

var shapes = sync.OnceValue(func() []Shape {
	var out []Shape
	for _, line := range strings.Split(strings.TrimSpace(world), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		sh := Shape{ISO3: f[0], Path: f[2]}
		if sh.ISO3 == "-" {
			sh.ISO3 = ""
		}
		if xyz := strings.Split(f[1], ","); len(xyz) == 3 {
			sh.LabelX, _ = strconv.Atoi(xyz[0])
			sh.LabelY, _ = strconv.Atoi(xyz[1])
			sh.Size, _ = strconv.Atoi(xyz[2])
		}
		out = append(out, sh)
	}
	return out
})

// Shapes returns every outline, in a fixed order.
func Shapes() []Shape { return shapes() }

// Has reports whether the map has an outline for the alpha-3 code.
func Has(iso3 string) bool {
	for _, s := range shapes() {
		if s.ISO3 != "" && s.ISO3 == iso3 {
			return true
		}
	}
	return false
}
