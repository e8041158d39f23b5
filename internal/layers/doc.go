// Package layers holds no code: its test keeps govplan's packages in their layers.
//
// From the bottom up:
//
//   - internal/*: helpers with one job each (YAML positions, atomic saves, i18n catalogs).
//   - the domain: assess (frameworks and scores), catalog (blocks, use cases, products and the
//     match), roadmap (the plan), and countries (the country file and the one pipeline that
//     builds the model every output draws from). They return data, never sentences, and import
//     no output, UI or command package and no library that draws or prints.
//   - output/words: the presentation vocabulary, every domain value and reason in the
//     reader's language; output/* (workbook, diagrams, report, questionnaire, comparison) and
//     the terminal UI draw with it.
//   - cmd/govplan and cmd/govplan/tui: the command line and the workshop screens.
package layers
