package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/vppvalidate/vppvalidate/schemas"
)

// TestGeneratedFilesAreCurrent regenerates the model and fails on any
// difference with the committed files, and on a committed schema that the
// generator no longer writes: generated files are never edited by hand.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./schemas)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what modelgen writes; run go generate ./schemas and do not edit generated files", name)
		}
	}
	for _, s := range sources {
		committed, _ := filepath.Glob(filepath.Join(root, "schemas", s.version, "*.json"))
		for _, f := range committed {
			rel, _ := filepath.Rel(root, f)
			if _, ok := files[filepath.ToSlash(rel)]; !ok {
				t.Errorf("%s is not generated any more; run go generate ./schemas", rel)
			}
		}
	}
	if BaseURL != schemas.BaseURL {
		t.Errorf("modelgen writes $id under %s, schemas.BaseURL is %s", BaseURL, schemas.BaseURL)
	}
}
