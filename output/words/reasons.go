package words

import (
	"fmt"
	"strings"

	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/internal/i18n"
)

// Reason says one of the match's reasons in lang.
func Reason(lang string, r catalog.Reason) string {
	arg := func(i int) any {
		if i >= len(r.Args) {
			return ""
		}
		if t, ok := r.Args[i].(i18n.Text); ok {
			return t.In(lang)
		}
		return r.Args[i]
	}
	str := func(i int) string { return fmt.Sprint(arg(i)) }
	product := func() *catalog.Product {
		p, _ := arg(0).(*catalog.Product)
		return p
	}
	list := func(i int) string {
		switch v := arg(i).(type) {
		case []string:
			return strings.Join(v, ", ")
		case []int:
			parts := make([]string, len(v))
			for k, n := range v {
				parts[k] = fmt.Sprint(n)
			}
			return strings.Join(parts, ", ")
		}
		return str(i)
	}
	switch r.Code {
	case catalog.ReasonStep:
		if label := str(3); label != "" {
			return i18n.F(lang, "%s step %d (%s, published as step %s)", str(0), arg(1), str(2), label)
		}
		return i18n.F(lang, "%s step %d (%s)", str(0), arg(1), str(2))
	case catalog.ReasonNeededBy:
		if src := str(2); src != "" {
			return i18n.F(lang, "needed by %s: %s [%s]", str(0), str(1), src)
		}
		return i18n.F(lang, "needed by %s: %s", str(0), str(1))
	case catalog.ReasonSteps:
		if n, _ := arg(1).([]int); len(n) == 1 {
			return i18n.F(lang, "%s: step %s", str(0), list(1))
		}
		return i18n.F(lang, "%s: steps %s", str(0), list(1))
	case catalog.ReasonRequiredBy:
		return i18n.F(lang, "required by %s [%s]", str(0), str(1))
	case catalog.ReasonNotOpenSource:
		return i18n.F(lang, "licence %s is not an open-source licence (constraint: open source only)", orUnknown(str(0)))
	case catalog.ReasonAvoidedLicence:
		return i18n.F(lang, "licence %s is on the country's avoid list", str(0))
	case catalog.ReasonNotOnPremise:
		return i18n.T(lang, "cannot be hosted on premises (constraint: hosting on-premise)")
	case catalog.ReasonNotCloud:
		return i18n.T(lang, "not offered in the cloud (constraint: hosting cloud)")
	case catalog.ReasonExcluded:
		why, _ := arg(0).([]catalog.Reason)
		return i18n.F(lang, "excluded: %s", Reasons(lang, why, "; "))
	case catalog.ReasonOutsideScope:
		return i18n.F(lang, "outside its usual scope: made for %s — %s", str(0), str(1))
	case catalog.ReasonInScope:
		return i18n.F(lang, "in its scope for %s (made for %s)", list(0), str(1))
	case catalog.ReasonInUse:
		return i18n.T(lang, "already in use in the country (inventory)")
	case catalog.ReasonEvidence:
		p := product()
		if p == nil {
			break
		}
		ev := i18n.F(lang, "evidence: %s", p.Evidence)
		if note := p.EvidenceNote.In(lang); note != "" {
			ev += " — " + note
		}
		if p.Evidence != catalog.EvidenceNone {
			ev += verified(lang, p.EvidenceVerified)
		}
		return ev
	case catalog.ReasonLicence:
		p := product()
		if p == nil {
			break
		}
		lic := i18n.F(lang, "licence: %s", orUnknown(p.Licence))
		if p.OpenSource {
			lic += i18n.T(lang, ", open source")
		}
		return lic + verified(lang, p.LicenceVerified)
	case catalog.ReasonBlockUnverified:
		return i18n.T(lang, "that it covers this block is not verified in GovStack sources")
	case catalog.ReasonAlsoCovers:
		return i18n.F(lang, "also covers required %s", list(0))
	case catalog.ReasonLifecycle:
		if p := product(); p != nil {
			return LifecycleLine(lang, p)
		}
	case catalog.ReasonDPG:
		if p := product(); p != nil {
			return DPGLine(lang, p)
		}
	case catalog.ReasonOverlay:
		return i18n.T(lang, "works over an existing system of this block, and the block must be built")
	}
	return string(r.Code)
}

// Reasons says each reason in lang, joined with sep ("" keeps them apart: see ReasonList).
func Reasons(lang string, rs []catalog.Reason, sep string) string {
	return strings.Join(ReasonList(lang, rs), sep)
}

// ReasonList says each reason in lang; never nil, so JSON shows an empty list as [].
func ReasonList(lang string, rs []catalog.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = Reason(lang, r)
	}
	return out
}

// LifecycleLine says what changed in a product's life ("end of life since 2025-10: ..."),
// with its verification; "" when nothing is recorded.
func LifecycleLine(lang string, p *catalog.Product) string {
	l := p.Lifecycle
	if l == nil || l.Status == catalog.LifecycleActive {
		return ""
	}
	what := i18n.T(lang, "end of life")
	if l.Status == catalog.LifecycleLicenceChange {
		what = i18n.T(lang, "licence change")
	}
	if l.Since != "" {
		what = i18n.F(lang, "%s since %s", what, l.Since)
	}
	return i18n.F(lang, "lifecycle: %s — %s", what, l.Note.In(lang)) + verified(lang, l.Verified)
}

// DPGLine says whether a product is a registered Digital Public Good, or that it is unknown.
func DPGLine(lang string, p *catalog.Product) string {
	switch {
	case p.DPG == nil:
		return i18n.T(lang, "Digital Public Good: unknown")
	case *p.DPG:
		return i18n.T(lang, "registered Digital Public Good") + verified(lang, p.DPGVerified)
	default:
		return i18n.T(lang, "not a registered Digital Public Good") + verified(lang, p.DPGVerified)
	}
}

func verified(lang string, v bool) string {
	if v {
		return i18n.T(lang, " (verified)")
	}
	return i18n.T(lang, " (not verified)")
}

// orUnknown is a licence as the catalog names it, "unknown" when it names none (the SPDX-like
// word stays English in every language, as licence ids do).
func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// MaybeReason says r in lang, or "" when there is none.
func MaybeReason(lang string, r *catalog.Reason) string {
	if r == nil {
		return ""
	}
	return Reason(lang, *r)
}
