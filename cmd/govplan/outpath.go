package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
)

// outKind is what -o names for a command: one file, or a folder for several files.
//
// The rule is the same everywhere: commands that write one file (diagram, report,
// questionnaire, init, migrate, compare's workbook or page, import workbook --sample) take
// a file; commands that write several (export, demo, import csv) take a folder.
type outKind int

const (
	outFile   outKind = iota // one file; "" or "-" may mean standard output where the command says so
	outFolder                // a folder, created if missing
)

// checkOut refuses an -o (or another output flag, named by flag) that names the wrong kind
// of thing, before any work is done: an existing folder, or a path ending in a separator,
// for a command that writes one file (example is a file name to suggest in it); an existing
// file for a command that writes into a folder. An empty path and "-" pass: each command
// says what they mean.
func (a *app) checkOut(command, flag, path string, kind outKind, example string) error {
	if path == "" || path == "-" {
		return nil
	}
	info, err := os.Stat(path)
	isDir := err == nil && info.IsDir()
	switch kind {
	case outFile:
		if isDir || strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
			return inputMsg(i18n.F(a.lang, "%s %s names a folder, but %s writes one file: name the file, such as %s", flag, path, command, filepath.Join(path, example)))
		}
	case outFolder:
		if err == nil && !isDir {
			return inputMsg(i18n.F(a.lang, "%s %s is a file, but %s writes several files into a folder: name a folder (it is created if missing)", flag, path, command))
		}
	}
	return nil
}
