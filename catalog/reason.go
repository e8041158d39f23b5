package catalog

// Reason is one reason the match gives, as data: a code and its values. The domain never
// writes the sentence; output/words says it in the reader's language.
type Reason struct {
	Code ReasonCode
	Args []any // the values, in the order each code documents
}

// ReasonCode says what a Reason is about. Each code documents its Args.
type ReasonCode string

// Why a block is in the architecture.
const (
	// ReasonStep: a use case's step uses the block. Args: use case id, step position (int),
	// step name (i18n.Text), published step number ("" when it is the position).
	ReasonStep ReasonCode = "step"
	// ReasonNeededBy: another required block depends on this one. Args: the dependant block
	// id, the spec's reason (i18n.Text), the spec file and section ("" when not given).
	ReasonNeededBy ReasonCode = "needed_by"
	// ReasonSteps (Summary): steps of one use case use the block. Args: use case id, step
	// positions ([]int).
	ReasonSteps ReasonCode = "steps"
	// ReasonRequiredBy (Summary): a dependant block requires it. Args: dependant id, source.
	ReasonRequiredBy ReasonCode = "required_by"
)

// Why a product is excluded (it breaks a constraint of the country).
const (
	// ReasonNotOpenSource: open source only, and the licence is not. Args: licence ("" unknown).
	ReasonNotOpenSource ReasonCode = "not_open_source"
	// ReasonAvoidedLicence: the licence is on the country's avoid list. Args: licence.
	ReasonAvoidedLicence ReasonCode = "avoided_licence"
	// ReasonNotOnPremise: hosting on premises, and the product cannot be. No Args.
	ReasonNotOnPremise ReasonCode = "not_on_premise"
	// ReasonNotCloud: hosting in the cloud, and the product is not offered there. No Args.
	ReasonNotCloud ReasonCode = "not_cloud"
)

// What ranks a product.
const (
	// ReasonExcluded: the product breaks constraints. Args: the reasons ([]Reason).
	ReasonExcluded ReasonCode = "excluded"
	// ReasonOutsideScope: no use case that needs the block is in the product's usual scope.
	// Args: what it is made for (i18n.Text), the scope note (i18n.Text).
	ReasonOutsideScope ReasonCode = "outside_scope"
	// ReasonInScope: a limited scope that fits. Args: the use cases it fits ([]string), what
	// it is made for (i18n.Text).
	ReasonInScope ReasonCode = "in_scope"
	// ReasonInUse: the country's inventory names the product for the block. No Args.
	ReasonInUse ReasonCode = "in_use"
	// ReasonEvidence: the evidence that it implements the block. Args: the product (*Product).
	ReasonEvidence ReasonCode = "evidence"
	// ReasonLicence: its licence. Args: the product (*Product).
	ReasonLicence ReasonCode = "licence"
	// ReasonBlockUnverified: that it covers the block is not verified. No Args.
	ReasonBlockUnverified ReasonCode = "block_unverified"
	// ReasonAlsoCovers: it also covers other required blocks. Args: their ids ([]string).
	ReasonAlsoCovers ReasonCode = "also_covers"
	// ReasonLifecycle: its end of life or licence change. Args: the product (*Product).
	ReasonLifecycle ReasonCode = "lifecycle"
	// ReasonDPG: whether it is a registered Digital Public Good. Args: the product (*Product).
	ReasonDPG ReasonCode = "dpg"
	// ReasonOverlay: it works over an existing system, and the block must be built. No Args.
	ReasonOverlay ReasonCode = "overlay"
)

func reason(code ReasonCode, args ...any) Reason { return Reason{Code: code, Args: args} }
