package i18n

import "github.com/govplan/govplan/internal/yamlx"

// Messages about input files are built in package yamlx, which this package imports (a data
// text decodes itself from YAML); yamlx keeps their English formats and arguments and shows
// them in a language through this catalog lookup.
func init() { yamlx.Translate = T }
