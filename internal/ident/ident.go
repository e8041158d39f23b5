// Package ident holds the rule every id in govplan's files follows.
package ident

import (
	"regexp"
	"strings"
)

var pattern = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

// Valid reports whether s is a well-formed id once lower-cased: letters and digits in groups
// joined by single dots or hyphens ("leadership.strategy", "hltc-1").
func Valid(s string) bool { return pattern.MatchString(strings.ToLower(s)) }

// Norm returns the id as it is compared and printed: lower case.
func Norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Rule describes the id rule for error messages.
const Rule = "lower-case letters and digits, joined by single '.' or '-'"
