package assess

import "testing"

// Resolve picks a built-in framework by the id and version read from its top lines, without
// parsing it: those must agree with the full parse for every built-in framework.
func TestEmbeddedHeaders(t *testing.T) {
	files := embeddedFiles()
	if len(files) < 2 {
		t.Fatalf("%d built-in frameworks", len(files))
	}
	for _, e := range files {
		fw, err := e.framework()
		if err != nil {
			t.Fatal(err)
		}
		if e.id != fw.ID || e.version != fw.Version {
			t.Errorf("%s: header says %s@%s, the parse %s", e.file.Name, e.id, e.version, fw.Ref())
		}
	}
	for _, c := range []struct{ in, id, version string }{
		{"# c\nid: a-b\nversion: \"2024\"\nname: {en: x}\n", "a-b", "2024"},
		{"id: 'q'  # note\r\nversion: 1.2.0\r\npillars:\n  - id: inner\n    version: 9\n", "q", "1.2.0"},
	} {
		if id, v := header([]byte(c.in)); id != c.id || v != c.version {
			t.Errorf("header(%q) = %q, %q; want %q, %q", c.in, id, v, c.id, c.version)
		}
	}
}
