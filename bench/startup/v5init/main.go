// Command v5init links github.com/santhosh-tekuri/jsonschema/v5 and does
// nothing else, so that bench/startup.sh can show what that package's
// initialisation alone costs every program that uses it.
package main

import (
	"os"

	_ "github.com/santhosh-tekuri/jsonschema/v5"
)

func main() { os.Stdout.WriteString("hello\n") }
