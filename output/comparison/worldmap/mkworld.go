//go:build ignore

// mkworld writes world.txt, the country outlines the portfolio page's map draws, from
// countries-110m.json of the npm package world-atlas 2.0.2 (TopoJSON of Natural Earth's
// 1:110m Admin 0 countries; Natural Earth is in the public domain, world-atlas is ISC: see
// NOTICE). Run: go run mkworld.go path/to/countries-110m.json > world.txt
//
// Each line is "ISO3<TAB>labelX,labelY,size<TAB>SVG path" (size: the smaller side of the
// largest part's bounding box) in an equirectangular projection of
// longitude -180..180 and latitude 84..-58 onto 0..Width × 0..Height, whole numbers; shapes
// without an ISO 3166 number (Kosovo, Somaliland, Northern Cyprus) have "-" for a code, and
// Antarctica is left out.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

const (
	width, height = 1000.0, 395.0
	north, south  = 84.0, -58.0
)

type topology struct {
	Transform struct{ Scale, Translate [2]float64 }
	Arcs      [][][2]float64
	Objects   map[string]struct {
		Geometries []struct {
			Type string
			ID   string
			Arcs json.RawMessage
		}
	}
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		panic(err)
	}
	// Decode the delta-encoded, quantised arcs into longitude and latitude.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		for _, p := range a {
			x, y = x+p[0], y+p[1]
			arcs[i] = append(arcs[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	ring := func(ids []int) [][2]float64 {
		var out [][2]float64
		for _, id := range ids {
			var a [][2]float64
			if id >= 0 {
				a = arcs[id]
			} else {
				a = arcs[^id]
				r := make([][2]float64, len(a))
				for i := range a {
					r[i] = a[len(a)-1-i]
				}
				a = r
			}
			if len(out) > 0 {
				a = a[1:]
			}
			out = append(out, a...)
		}
		return out
	}
	project := func(p [2]float64) (int, int) {
		lat := math.Max(south, math.Min(north, p[1]))
		return int(math.Round((p[0] + 180) / 360 * width)), int(math.Round((north - lat) / (north - south) * height))
	}
	for _, g := range t.Objects["countries"].Geometries {
		if g.ID == "010" { // Antarctica
			continue
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				panic(err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				panic(err)
			}
		default:
			continue
		}
		code := "-"
		if g.ID != "" {
			n, _ := strconv.Atoi(g.ID)
			r, err := language.EncodeM49(n)
			if err != nil {
				panic(fmt.Sprintf("%s: %v", g.ID, err))
			}
			code = r.ISO3()
		}
		var d strings.Builder
		var best float64
		var label [3]int
		for _, poly := range polys {
			for ri, rg := range poly {
				pts := ring(rg)
				// A ring across the antimeridian (Russia, Fiji) is unwrapped into one piece
				// that runs past the map's edge, and drawn a second time shifted by the map's
				// width: the SVG's viewBox clips both copies.
				shift := 0.0
				for i := 1; i < len(pts); i++ {
					switch d := pts[i][0] + shift - pts[i-1][0]; {
					case d > 180:
						shift -= 360
					case d < -180:
						shift += 360
					}
					pts[i][0] += shift
				}
				lastX, lastY, n := math.MinInt, math.MinInt, 0
				minX, minY, maxX, maxY := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
				var seg strings.Builder
				for _, p := range pts {
					x, y := project(p)
					if x == lastX && y == lastY {
						continue
					}
					if n == 0 {
						fmt.Fprintf(&seg, "M%d %d", x, y)
					} else {
						fmt.Fprintf(&seg, "l%d %d", x-lastX, y-lastY)
					}
					lastX, lastY, n = x, y, n+1
					minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
				}
				if n < 3 {
					continue
				}
				d.WriteString(seg.String() + "z")
				w := int(width)
				if maxX > w || minX < 0 {
					first := pts[0]
					x, y := project(first)
					off := -w
					if minX < 0 {
						off = w
					}
					d.WriteString(strings.Replace(seg.String(), fmt.Sprintf("M%d %d", x, y), fmt.Sprintf("M%d %d", x+off, y), 1) + "z")
				}
				if area := float64((maxX - minX) * (maxY - minY)); ri == 0 && area > best {
					cx := ((minX+maxX)/2%w + w) % w
					best, label = area, [3]int{cx, (minY + maxY) / 2, min(maxX-minX, maxY-minY)}
				}
			}
		}
		if d.Len() > 0 {
			fmt.Printf("%s\t%d,%d,%d\t%s\n", code, label[0], label[1], label[2], d.String())
		}
	}
}
