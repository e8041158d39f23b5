package report

import (
	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/yamlx"
)

// SchemaVersion is the version of every JSON document's shape. It goes up when a key is
// renamed or removed or its meaning changes; added keys keep it. The schemas are in
// docs/schema/.
const SchemaVersion = 1

// Header opens every JSON document govplan writes.
type Header struct {
	SchemaVersion  int    `json:"schema_version"`
	GovplanVersion string `json:"govplan_version"`
}

// NewHeader is the header of a document written by this build.
func NewHeader() Header {
	return Header{SchemaVersion: SchemaVersion, GovplanVersion: buildinfo.Version()}
}

// VersionJSON is the document of `govplan version --format json`.
type VersionJSON struct {
	Header
	buildinfo.Info
}

// Version builds the version document.
func Version(v buildinfo.Info) VersionJSON { return VersionJSON{Header: NewHeader(), Info: v} }

// ValidateJSON is the document of `govplan validate --format json`.
type ValidateJSON struct {
	Header
	// Invalid counts the files with errors; the exit code is 2 when it is not 0.
	Invalid int                 `json:"invalid"`
	Files   []ValidatedFileJSON `json:"files"`
}

// ValidatedFileJSON is one file checked.
type ValidatedFileJSON struct {
	File string `json:"file"`
	// Kind is "framework" or "country"; empty when the file could not be read.
	Kind       string         `json:"kind"`
	OK         bool           `json:"ok"`
	Summary    string         `json:"summary,omitempty"`
	Framework  *FrameworkJSON `json:"framework,omitempty"`
	Country    *CountryJSON   `json:"country,omitempty"`
	Answered   *int           `json:"answered,omitempty"`
	Indicators int            `json:"indicators,omitempty"`
	Errors     []ProblemJSON  `json:"errors"`
	Warnings   []ProblemJSON  `json:"warnings"`
}

// ProblemJSON is one error or warning with its position; line and column are 0 when the
// problem is about the whole file.
type ProblemJSON struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Problems lists errors or warnings with their messages in lang.
func Problems(es yamlx.Errors, lang string) []ProblemJSON {
	out := []ProblemJSON{}
	for _, e := range es {
		plain := *e
		plain.File, plain.Line, plain.Col, plain.Warning = "", 0, 0, false
		out = append(out, ProblemJSON{File: e.File, Line: e.Line, Column: e.Col, Message: plain.In(lang)})
	}
	return out
}
