// Package pdf prints an HTML document to PDF with a Chromium-family browser installed on the
// machine (Chrome, Chromium or Edge), driven over the DevTools protocol by chromedp. Nothing
// is downloaded: without a browser, Print says what to install.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoBrowser says no Chromium-family browser was found.
var ErrNoBrowser = errors.New("PDF needs Google Chrome, Chromium or Microsoft Edge installed (apt install chromium / brew install --cask chromium / winget install Google.Chrome), or GOVPLAN_BROWSER set to one; the HTML report needs nothing")

// candidates are browser programs by name (looked up on PATH) and by usual install path.
func candidates() []string {
	switch runtime.GOOS {
	case "windows":
		var out []string
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			base := os.Getenv(env)
			if base == "" {
				continue
			}
			out = append(out,
				filepath.Join(base, `Google\Chrome\Application\chrome.exe`),
				filepath.Join(base, `Microsoft\Edge\Application\msedge.exe`),
				filepath.Join(base, `Chromium\Application\chrome.exe`))
		}
		return append(out, "chrome.exe", "msedge.exe")
	case "darwin":
		return []string{
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
			"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			"google-chrome", "chromium",
		}
	}
	return []string{
		"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable",
		"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium",
		"/opt/google/chrome/chrome", "/opt/microsoft/msedge/msedge",
	}
}

// FindBrowser returns the browser to print with: GOVPLAN_BROWSER when set (it must exist),
// else the first of the usual names on PATH and install paths, else ErrNoBrowser.
func FindBrowser() (string, error) {
	if p := os.Getenv("GOVPLAN_BROWSER"); p != "" {
		if found, err := exec.LookPath(p); err == nil {
			return found, nil
		}
		return "", fmt.Errorf("GOVPLAN_BROWSER is %q, which is not a program that can be run: %w", p, ErrNoBrowser)
	}
	for _, c := range candidates() {
		if found, err := exec.LookPath(c); err == nil {
			return found, nil
		}
	}
	return "", ErrNoBrowser
}

// Options of a printed document.
type Options struct {
	Header string // repeated at the top of each page
	Footer string // repeated at the bottom, followed by "page X / Y"
	Page   string // the word before the page number, in the document's language
}

// Print renders doc (a complete HTML document) as an A4 PDF and writes it to w. The browser
// runs headless, without a profile, extensions or network services, and without its sandbox
// when this process runs as root (where Chromium refuses to start with it).
func Print(ctx context.Context, doc []byte, opt Options, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	bctx, profile, browser, done, err := Browser(ctx)
	if err != nil {
		return err
	}
	defer done()
	// The document is loaded from a file, so the browser waits for it as for any page.
	file := filepath.Join(profile, "report.html")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		return err
	}
	if err = chromedp.Do(bctx, chromedp.Navigate(fileURL(file))); err == nil {
		var out []byte
		out, err = chromedp.Run(bctx, chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFMargins(0.7, 0.55, 0.7, 0.55),
			chromedp.PDFPrintBackground(),
			chromedp.PDFHeaderTemplate(band(html.EscapeString(opt.Header), "")),
			chromedp.PDFFooterTemplate(band(html.EscapeString(opt.Footer), html.EscapeString(opt.Page)+` <span class="pageNumber"></span> / <span class="totalPages"></span>`)),
		))
		if err == nil {
			_, err = w.Write(out)
			return err
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("printing with %s took too long: %w", browser, ctx.Err())
		}
		return fmt.Errorf("printing with %s: %w", browser, err)
	}
	return nil
}

// fileURL is the file:// address of an absolute path.
func fileURL(path string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/... on Windows
	}
	return u.String()
}

// Browser starts a headless browser for ctx and returns its chromedp context, the temporary
// profile folder it uses (documents can be written there), the browser's path and the
// function that stops it and removes the profile.
func Browser(ctx context.Context) (bctx context.Context, profile, browser string, done func(), err error) {
	browser, err = FindBrowser()
	if err != nil {
		return nil, "", "", nil, err
	}
	profile, err = os.MkdirTemp("", "govplan-browser-")
	if err != nil {
		return nil, "", "", nil, err
	}
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("no-first-run", true),
	)
	if needsNoSandbox() {
		flags = append(flags, chromedp.NoSandbox)
	}
	actx, cancelA := chromedp.NewExecAllocator(ctx, flags...)
	bctx, cancelB := chromedp.NewContext(actx)
	return bctx, profile, browser, func() {
		cancelB()
		cancelA()
		os.RemoveAll(profile)
	}, nil
}

// band is a header or footer template: text on the left, right on the right. Chromium prints
// these in the page margin at a tiny default size, so the size is set here.
func band(left, right string) string {
	return `<div style="font: 8pt 'DejaVu Sans', Arial, sans-serif; color: #333; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;">` +
		`<span>` + left + `</span><span>` + right + `</span></div>`
}

// needsNoSandbox reports whether Chromium must run without its sandbox: as root on Unix,
// or when GOVPLAN_BROWSER_NO_SANDBOX is set (containers without user namespaces).
func needsNoSandbox() bool {
	if os.Getenv("GOVPLAN_BROWSER_NO_SANDBOX") != "" {
		return true
	}
	return runtime.GOOS != "windows" && os.Geteuid() == 0
}
