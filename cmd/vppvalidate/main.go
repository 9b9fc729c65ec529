// Command vppvalidate checks captured Microsoft Graph payloads about Apple
// VPP token action results against the documented model.
//
// Exit codes: 0 when no finding reaches --fail-on, 1 when one does, 2 for
// a usage error or an input that cannot be read. A run with
// --write-baseline records its findings rather than reporting them: 0
// whatever it found, or 2.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
