// Package doccheck holds the test that every code block in a Go comment
// of this repository is compiled: its lines appear, in order, in a test
// file of the same module (an Example function, or the test that does
// what the comment shows), so a snippet a reader copies cannot drift from
// code that builds.
package doccheck
