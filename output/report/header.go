package report

import "github.com/govplan/govplan/internal/buildinfo"

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
