package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/output/pdf"
	"github.com/govplan/govplan/output/report"
)

func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := pdf.FindBrowser(); err != nil {
		t.Skipf("no Chromium-family browser (apt install chromium): %v", err)
	}
}

// The HTML report of every sample (and one in French) opens in a real headless Chromium
// with no console message, no script error and no network request: everything it shows is
// inside the file.
func TestHTMLReportInChromium(t *testing.T) {
	needBrowser(t)
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	bctx, profile, _, done, err := pdf.Browser(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	var mu sync.Mutex
	var problems, requests []string
	current := ""
	if err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			problems = append(problems, fmt.Sprintf("%s: console.%s", current, ev.Type))
		case *runtime.EventExceptionThrown:
			problems = append(problems, current+": exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			problems = append(problems, fmt.Sprintf("%s: log %s: %s", current, ev.Entry.Level, ev.Entry.Text))
		case *network.EventRequestWillBeSent:
			if ev.Request.URL != "file://"+current {
				requests = append(requests, current+": "+ev.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, log.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range countries.SampleNames() {
		langs := []string{"en"}
		if name == "bakana" {
			langs = append(langs, "fr") // one in French keeps the test quick
		}
		for _, lang := range langs {
			m := model(t, name, nil)
			svgs, err := SVGs(m, lang)
			if err != nil {
				t.Fatal(err)
			}
			doc := report.HTML(m, lang, report.HTMLOptions{Diagrams: svgs, Version: "test"})
			file := filepath.Join(profile, name+"-"+lang+".html")
			if err := os.WriteFile(file, doc, 0o600); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			current = file
			mu.Unlock()
			if err := chromedp.Do(bctx, chromedp.Navigate("file://"+file)); err != nil {
				t.Fatal(err)
			}
			title, err := chromedp.Run(bctx, chromedp.Title())
			if err != nil {
				t.Fatal(err)
			}
			sections, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("section").length`))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(title, m.Doc.File.Country.Name) {
				t.Errorf("%s %s: title %q", name, lang, title)
			}
			if sections < 14 {
				t.Errorf("%s %s: Chromium sees %d sections", name, lang, sections)
			}
		}
	}
	time.Sleep(300 * time.Millisecond) // late events
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
	for _, u := range requests {
		t.Errorf("network request for %s", u)
	}
}

// The PDF of a sample has 4 to 60 numbered A4 pages, and page 1 is the executive page.
func TestPDFOfSample(t *testing.T) {
	needBrowser(t)
	if testing.Short() {
		t.Skip("starts a browser")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (apt install poppler-utils)")
	}
	m := model(t, "bakana", nil)
	svgs, err := SVGs(m, "en")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := PDF(m, "en", report.HTMLOptions{Diagrams: svgs, Version: "test"}, &out); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	text := func(args ...string) string {
		b, err := exec.Command(pdftotext, append(append([]string{"-layout"}, args...), file, "-")...).Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	all := text()
	pages := strings.Count(all, "\f")
	if pages < 4 || pages > 60 {
		t.Errorf("%d pages", pages)
	}
	first := text("-f", "1", "-l", "1")
	for _, must := range []string{"Executive summary", "Readiness score", "Three decisions for the room", "Republic of Bakana", "govplan test", fmt.Sprintf("page 1 / %d", pages)} {
		if !strings.Contains(strings.ToLower(first), strings.ToLower(must)) {
			t.Errorf("page 1 lacks %q:\n%s", must, first)
		}
	}
	if strings.Contains(first, "Readiness by pillar") {
		t.Error("page 1 runs on past the executive page")
	}
	if last := text("-f", fmt.Sprint(pages), "-l", fmt.Sprint(pages)); !strings.Contains(last, fmt.Sprintf("page %d / %d", pages, pages)) {
		t.Errorf("last page not numbered:\n%s", last)
	}
}

// Without a browser, the PDF says what to install.
func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("GOVPLAN_BROWSER", filepath.Join(t.TempDir(), "no-such-browser"))
	m := model(t, "coralia", nil)
	err := PDF(m, "en", report.HTMLOptions{}, &bytes.Buffer{})
	if !errors.Is(err, pdf.ErrNoBrowser) || !strings.Contains(err.Error(), "apt install chromium") {
		t.Fatalf("got %v", err)
	}
}
