// Command hello does nothing but print a line: the floor under any Go
// program's start-up time on a machine, for bench/startup.sh.
package main

import "os"

func main() { os.Stdout.WriteString("hello\n") }
