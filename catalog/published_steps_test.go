package catalog

// The tables below were typed from GovStack's product-use-cases repository (branch main,
// use-cases/*.md, commit 594426d) and checked against it with TestPublishedPagesMatchTable.

// publishedSteps is the step → blocks table of every GovStack reference use case, typed by
// hand from the published use cases (govstack-facts §2.2), for TestUseCasesMatchPublished.
// Each inner slice is one step in published order; block ids in a step are sorted.
var publishedSteps = map[string][][]string{
	// HLTC-1 Postpartum and Infant Care, v2.0
	"hltc-1": {
		{"messaging", "scheduler"},
		{"consent", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"identity", "information-mediator", "messaging"},
		{"identity", "information-mediator", "payments", "registration"},
		{"identity", "information-mediator", "messaging", "payments"},
		{"consent", "identity", "information-mediator", "payments", "workflow"},
		{"consent", "identity", "information-mediator", "workflow"},
		{"consent", "identity", "information-mediator"},
	},
	// HLTC-2 Telemedicine, v1.0
	"hltc-2": {
		{"gis"},
		{"messaging", "scheduler"},
		{"consent", "digital-registries", "e-signature", "identity", "information-mediator"},
		{"consent", "e-signature", "identity", "information-mediator"},
		{"consent", "identity", "information-mediator"},
		{"information-mediator"},
		{"information-mediator", "messaging", "scheduler", "workflow"},
		{"consent", "information-mediator", "scheduler"},
		{"identity", "information-mediator", "payments"},
		{"consent", "identity", "information-mediator", "messaging", "workflow"},
		{"consent", "gis", "identity", "scheduler", "workflow"},
	},
	// HLTC-3 Smart Vaccination, v1.0
	"hltc-3": {
		{"messaging", "scheduler"},
		{"consent", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"consent", "identity", "information-mediator", "messaging"},
		{"information-mediator", "messaging", "scheduler", "workflow"},
		{"consent", "information-mediator", "scheduler"},
		{"scheduler", "workflow"},
		{"payments"},
		{"consent", "identity", "information-mediator"},
		{"consent", "identity", "scheduler", "workflow"},
	},
	// HLTC-4 Pandemic Response, v1.0. Steps 3 and 5 list the Information Mediator with a space
	// inside the link text ("[**Information Mediator** ](...)"), which an earlier reading missed.
	"hltc-4": {
		{"consent", "gis", "scheduler", "workflow"},
		{"gis", "messaging", "scheduler"},
		{"consent", "e-signature", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"digital-registries", "identity", "information-mediator", "messaging", "scheduler", "workflow"},
		{"consent", "identity", "information-mediator", "messaging", "workflow"},
		{"consent", "gis", "identity", "scheduler", "workflow"},
	},
	// AGR-1 Market Linkage, v1.0
	"agr-1": {
		{"messaging", "scheduler", "workflow"},
		{"consent", "digital-registries", "e-marketplace", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"identity", "information-mediator", "messaging", "registration"},
		{"e-marketplace", "information-mediator", "messaging"},
		{"messaging", "scheduler"},
		{"e-marketplace", "identity", "information-mediator", "messaging", "payments", "scheduler"},
		{"e-marketplace", "identity", "information-mediator", "messaging", "payments", "scheduler"},
		{"messaging", "payments", "workflow"},
		{"identity", "information-mediator"},
	},
	// AGR-2 Rural Advisory Service for Farmers, v1.0
	"agr-2": {
		{"messaging", "scheduler", "workflow"},
		{"digital-registries", "scheduler", "workflow"},
		{"consent", "digital-registries", "identity", "information-mediator", "registration"},
		{"consent", "digital-registries", "identity", "information-mediator"},
		{"identity", "information-mediator", "messaging", "registration", "scheduler", "workflow"},
		{"information-mediator", "messaging", "scheduler", "workflow"},
		{"e-marketplace", "messaging", "payments", "scheduler", "workflow"},
		{"identity", "information-mediator", "messaging", "scheduler", "workflow"},
	},
	// INST-1 Unconditional Social Cash Transfer, v2.0
	"inst-1": {
		{"messaging", "scheduler"},
		{"consent", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"identity", "information-mediator"},
		{"identity", "information-mediator", "payments", "registration"},
		{"payments"},
		{"consent", "identity", "scheduler", "workflow"},
		{"consent", "identity", "scheduler", "workflow"},
		{"consent", "identity", "scheduler", "workflow"},
	},
	// INST-2 Anticipatory Cash Transfers, v1.0
	"inst-2": {
		{"gis", "information-mediator", "workflow"},
		{"messaging", "scheduler"},
		{"consent", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"gis", "information-mediator", "workflow"},
		{"identity", "information-mediator", "registration"},
		{"payments"},
		{"consent", "identity", "scheduler", "workflow"},
		{"consent", "identity", "scheduler", "workflow"},
	},
	// INST-3 Citizen Engagement, v1.0 (draft)
	"inst-3": {
		{},
		{"consent", "digital-registries", "information-mediator", "messaging", "scheduler"},
		{"consent", "digital-registries", "information-mediator"},
		{"consent", "digital-registries", "identity", "information-mediator", "messaging", "workflow"},
		{"consent", "digital-registries", "identity", "information-mediator", "workflow"},
		{"consent", "identity", "information-mediator", "messaging", "workflow"},
		{"consent", "information-mediator", "scheduler", "workflow"},
	},
	// EDU-1 Remote Learning, v1.0 (the eighth step is published as a second "7")
	"edu-1": {
		{"consent", "identity", "information-mediator", "registration"},
		{"consent", "identity", "information-mediator"},
		{"payments"},
		{"scheduler", "workflow"},
		{"messaging", "scheduler", "workflow"},
		{"identity", "information-mediator", "messaging", "scheduler"},
		{"consent", "identity", "scheduler", "workflow"},
		{"identity", "messaging", "scheduler", "workflow"},
	},
	// INF-1 Construction Permit, v2.0
	"inf-1": {
		{"messaging", "scheduler"},
		{"consent", "digital-registries", "identity", "information-mediator", "messaging", "registration"},
		{"consent", "digital-registries", "identity", "messaging", "payments"},
		{"consent", "digital-registries", "identity", "information-mediator", "workflow"},
		{"identity", "information-mediator", "messaging"},
		{"digital-registries", "messaging", "payments", "workflow"},
		{"consent", "digital-registries", "messaging", "scheduler", "workflow"},
		{"consent", "digital-registries", "identity", "messaging", "scheduler", "workflow"},
		{"digital-registries", "identity", "messaging", "payments", "workflow"},
	},
	// ENV-1 Extended Producer Responsibility, v2.0
	"env-1": {
		{"messaging", "scheduler"},
		{"consent", "digital-registries", "identity", "information-mediator", "registration"},
		{"consent", "digital-registries", "identity", "information-mediator", "messaging", "payments", "scheduler"},
		{"consent", "digital-registries", "identity", "information-mediator", "payments", "registration"},
		{"consent", "digital-registries", "identity", "information-mediator", "workflow"},
		{"digital-registries", "messaging", "payments", "workflow"},
		{"consent", "digital-registries", "identity", "messaging", "scheduler", "workflow"},
		{"digital-registries", "identity", "messaging", "payments", "workflow"},
	},
	// FINC-1 Business Taxation, v1.0
	"finc-1": {
		{"scheduler", "workflow"},
		{"consent", "digital-registries", "messaging", "scheduler"},
		{"consent", "digital-registries", "e-signature", "gis", "identity", "information-mediator"},
		{"consent", "digital-registries", "e-signature", "identity", "information-mediator", "scheduler"},
		{"digital-registries", "identity", "information-mediator", "messaging", "payments"},
		{"digital-registries", "identity", "information-mediator", "messaging", "scheduler"},
		{"digital-registries", "identity", "information-mediator", "messaging", "payments", "scheduler"},
		{"consent", "identity", "messaging", "scheduler", "workflow"},
		{"consent", "identity", "messaging", "scheduler", "workflow"},
		{"consent", "identity", "messaging", "scheduler", "workflow"},
		{"consent", "identity", "scheduler", "workflow"},
	},
	// FINC-2 Inclusive Financial Services for SMEs, v1.0
	"finc-2": {
		{"scheduler", "workflow"},
		{"consent", "digital-registries", "messaging", "scheduler"},
		{"consent", "digital-registries", "e-signature", "gis", "identity", "information-mediator"},
		{"consent", "digital-registries", "e-signature", "identity", "information-mediator", "scheduler"},
		{"digital-registries", "identity", "information-mediator", "messaging"},
		{"digital-registries", "identity", "information-mediator", "messaging", "scheduler"},
		{"consent", "digital-registries", "e-signature", "messaging", "payments", "scheduler", "workflow"},
		{"consent", "identity", "messaging", "scheduler", "workflow"},
	},
	// CLMT-1 Disaster Management, v1.0
	"clmt-1": {
		{"gis", "messaging", "scheduler", "workflow"},
		{"gis", "information-mediator", "scheduler", "workflow"},
		{"consent", "digital-registries", "gis", "identity", "information-mediator", "messaging"},
		{"consent", "gis", "information-mediator", "messaging", "payments", "scheduler", "workflow"},
		{"messaging", "scheduler", "workflow"},
		{"scheduler", "workflow"},
		{"consent", "identity", "information-mediator", "messaging", "workflow"},
		{"consent", "identity", "information-mediator", "messaging", "scheduler"},
	},
	// EGOV-1 AI Chatbot for Discoverability of Government Services, v1.0
	"egov-1": {
		{"identity", "messaging", "registration"},
		{"digital-registries", "information-mediator", "workflow"},
		{"consent", "information-mediator", "workflow"},
		{"consent", "messaging", "workflow"},
		{"digital-registries", "workflow"},
	},
}

// publishedUseCaseBlocks is each page's use-case-level "Building Blocks" list, sorted.
var publishedUseCaseBlocks = map[string][]string{
	"agr-1":  {"consent", "digital-registries", "e-marketplace", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"agr-2":  {"consent", "digital-registries", "e-marketplace", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"clmt-1": {"consent", "digital-registries", "gis", "identity", "information-mediator", "messaging", "payments", "scheduler", "workflow"},
	"edu-1":  {"consent", "identity", "information-mediator", "messaging", "registration", "scheduler", "workflow"},
	"egov-1": {"consent", "digital-registries", "identity", "information-mediator", "messaging", "registration", "workflow"},
	"env-1":  {"consent", "digital-registries", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"finc-1": {"consent", "digital-registries", "e-signature", "gis", "identity", "information-mediator", "messaging", "payments", "scheduler", "workflow"},
	"finc-2": {"consent", "digital-registries", "e-signature", "gis", "identity", "information-mediator", "messaging", "payments", "scheduler", "workflow"},
	"hltc-1": {"consent", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"hltc-2": {"consent", "digital-registries", "e-signature", "gis", "identity", "information-mediator", "messaging", "payments", "scheduler", "workflow"},
	"hltc-3": {"consent", "identity", "messaging", "payments", "registration", "scheduler", "workflow"},
	"hltc-4": {"consent", "digital-registries", "e-signature", "gis", "identity", "information-mediator", "messaging", "registration", "scheduler", "workflow"},
	"inf-1":  {"consent", "digital-registries", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"inst-1": {"consent", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"inst-2": {"consent", "gis", "identity", "information-mediator", "messaging", "payments", "registration", "scheduler", "workflow"},
	"inst-3": {"consent", "digital-registries", "identity", "information-mediator", "messaging", "scheduler", "workflow"},
}

// publishedListGaps are the blocks a page's steps use but its use-case-level list leaves out,
// as published: the only places where the two lists disagree.
var publishedListGaps = map[string][]string{
	"edu-1":  {"payments"},             // step 3 Payment
	"hltc-3": {"information-mediator"}, // steps 2-6 and 9
}
