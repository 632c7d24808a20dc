// Command readmecheck builds the Go programs in a README against this
// checkout, so a quick start that stops compiling fails CI:
//
//	go run ./internal/readmecheck README.md
//
// Every ```go block that starts with "package main" is a program. A
// program block that declares a test (func Test…) is a test file instead,
// added to another program: the one under the heading named by a
// preceding `<!-- readmecheck: with "Heading" -->` comment, else the
// program before it.
//
// Every other ```go block is a fragment and must say what it needs in a
// comment right before it: `<!-- readmecheck: fragment in func(ctx
// context.Context, c *core.Client) error; imports context
// github.com/rzauth/rememberizer-go/core -->` makes it the body of a
// function with that signature (its parameters are the names the fragment
// uses without declaring them; with results, it need not end in a
// return), `<!-- readmecheck: fragment at top level; imports … -->` puts
// it at the top of a file (NAME=PATH imports a package under a name).
// Each fragment is a program of its own that
// must build; a Go block with no marker fails the check. Each program is written to a fresh temporary module
// that requires the modules of this repository it imports (the root
// module, and ginmw, fibermw, sessionstore, … as needed), with every
// module of the checkout replaced by its directory (their go.sum files
// joined, GOWORK=off, GOFLAGS=-mod=mod), and built with go build; one with
// test files is also run with go test.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: readmecheck README.md")
		os.Exit(2)
	}
	readme := os.Args[1]
	root, err := filepath.Abs(filepath.Dir(readme))
	if err != nil {
		fmt.Fprintln(os.Stderr, "readmecheck:", err)
		os.Exit(1)
	}
	if err := checkFile(context.Background(), readme, root, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "readmecheck:", err)
		os.Exit(1)
	}
}
