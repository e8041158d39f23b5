package main

import "github.com/spf13/cobra"

// examples are the Examples of --help for the commands that do not set their own, by command
// path without "govplan ".
var examples = map[string]string{
	"": `  govplan                                  # the workshop screens
  govplan demo                             # the whole pipeline on a sample
  govplan score --sample bakana`,
	"catalog": `  govplan catalog blocks
  govplan catalog usecases --legacy
  govplan catalog products --format json`,
	"catalog blocks": `  govplan catalog blocks
  govplan catalog blocks identity
  govplan catalog blocks --format json`,
	"catalog frameworks": `  govplan catalog frameworks
  govplan catalog frameworks --format json`,
	"catalog products": `  govplan catalog products
  govplan catalog products mosip`,
	"catalog samples": `  govplan catalog samples
  govplan score --sample aurelia`,
	"catalog usecases": `  govplan catalog usecases
  govplan catalog usecases inst-1
  govplan catalog usecases --legacy`,
	"compare": `  govplan compare egdi/                          # every *.yaml in the folder
  govplan compare --sample aurelia --sample bakana --sample coralia
  govplan compare x-2025.yaml x-2026.yaml         # one country's rounds
  govplan compare egdi/ --relative -o portfolio.xlsx --chart ranking.svg
  govplan compare egdi/ --format json > portfolio.json`,
	"demo": `  govplan demo
  govplan demo --sample aurelia -o aurelia-demo`,
	"export": `  govplan export x.yaml -o annex/
  govplan export --sample bakana -o bakana/ --png
  govplan --lang fr export x.yaml -o annexe/`,
	"import": `  govplan import csv egdi-2024.csv --framework egdi --country-column Country \
    --map egdi.osi=Online_Service -o egdi/
  govplan import workbook annex/x-workbook.xlsx x.yaml`,
	"import csv": `  govplan import csv egdi-2024.csv --framework egdi --country-column Country \
    --map egdi.osi=Online_Service --map egdi.tii=Tele_Infra --map egdi.hci=Human_Capital -o egdi/
  govplan import csv survey.xlsx --sheet Data --framework egdi --country-column Pays \
    --map egdi.osi=OSI -o egdi/
  cat table.csv | govplan import csv - --framework egdi --country-column Country --map egdi.osi=OSI -o egdi/`,
	"init": `  govplan init --name "Republic of X" --iso3 XRX -o x.yaml
  govplan init --name "Province of Y" --iso3 XPY --framework egdi
  govplan init --name "Republic of X" --iso3 XRX -o - > x.yaml`,
	"match": `  govplan match x.yaml
  govplan match --sample bakana --all
  govplan match x.yaml --format json`,
	"roadmap": `  govplan roadmap x.yaml
  govplan roadmap x.yaml --workstreams 5 --start 2027-01
  govplan roadmap --sample bakana --format json`,
	"score": `  govplan score x.yaml
  govplan score --sample bakana --lang fr
  govplan score x.yaml --format json
  cat x.yaml | govplan score -`,
}

// addExamples gives each command without examples its entry of the examples table.
func addExamples(c *cobra.Command) {
	if c.Example == "" {
		c.Example = examples[subcommand(c)]
		if c.Parent() == nil {
			c.Example = examples[""]
		}
	}
	for _, sub := range c.Commands() {
		addExamples(sub)
	}
}
