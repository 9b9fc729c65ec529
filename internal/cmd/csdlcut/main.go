// Command csdlcut cuts the Apple VPP slice out of a whole Graph CSDL file
// (schemas/v1.0-Prod.csdl or schemas/beta-Prod.csdl of
// microsoftgraph/msgraph-metadata): the closure of the roots and
// singletons listed in schemas/csdl/overlay.json, as csdl.Cut defines it.
// The slice is written to standard output, ready to replace
// schemas/csdl/<version>-vpp.xml before `go generate ./schemas`.
//
// Usage: go run ./internal/cmd/csdlcut [-overlay FILE] [-source TEXT] FILE.csdl
//
// Exit status 1 for a file that cannot be read or cut.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/csdl"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/modelsrc"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "csdlcut: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("csdlcut", flag.ContinueOnError)
	overlayPath := fs.String("overlay", "schemas/csdl/overlay.json", "overlay naming the roots and singletons")
	source := fs.String("source", "", "where the CSDL file comes from (repository, path, commit), for the header")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("want one CSDL file, got %d arguments", fs.NArg())
	}
	ob, err := os.ReadFile(*overlayPath)
	if err != nil {
		return err
	}
	overlay, err := modelsrc.ReadOverlay(ob)
	if err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	doc, err := csdl.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	slice, err := csdl.Cut(doc, csdl.Selection{Namespace: model.Namespace, Roots: overlay.Roots, Singletons: overlay.Singletons})
	if err != nil {
		return err
	}
	header := "Microsoft Graph CSDL slice: the Apple VPP family, cut by internal/cmd/csdlcut.\n"
	if *source != "" {
		header += "Source: " + strings.TrimSpace(*source) + "\n"
	}
	header += "Roots: " + strings.Join(overlay.Roots, ", ") + "\nSingletons: " + strings.Join(overlay.Singletons, ", ")
	return slice.Write(stdout, header)
}
