// Command govplan assesses a country's digital-government readiness, matches its service needs
// to GovStack building blocks, plans a costed roadmap, and exports what people present. With no
// arguments it opens the workshop terminal UI.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
