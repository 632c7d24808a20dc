package examples

import (
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDocCodeIsCompiled finds every code block in the comments of the Go
// files under examples/ and checks that it is compiled: that its lines
// appear, in order and each whole, in a test file under examples/ (an
// Example function, or the test that does what the comment shows).
// Blocks of go commands (go run ./examples/nethttp) are not Go code and
// are skipped; TestAppsBuildOutsideTheRepository builds what they run.
func TestDocCodeIsCompiled(t *testing.T) {
	t.Parallel()
	root := filepath.Join(repoRoot(t), "examples")
	var tests [][]string // each test file's lines, trimmed
	var blocks []docBlock
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, "_test.go") {
			tests = append(tests, trimmedLines(string(data)))
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, data, parser.ParseComments)
		if err != nil {
			return err
		}
		blocks = append(blocks, codeBlocks(path, f)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) == 0 {
		t.Fatal("found no code blocks in the comments under examples/, want at least the packages' usage examples")
	}
	for _, b := range blocks {
		want := trimmedLines(b.code)
		if isCommands(want) {
			continue
		}
		if !slices.ContainsFunc(tests, func(lines []string) bool { return containsRun(lines, want) }) {
			rel, _ := filepath.Rel(root, b.file)
			t.Errorf("%s: this code block in a comment is in no test file under examples/, so nothing compiles it:\n%s", rel, b.code)
		}
	}
}

// docBlock is a code block in a comment.
type docBlock struct {
	file string
	code string
}

// codeBlocks returns the code blocks of every comment in f.
func codeBlocks(file string, f *ast.File) []docBlock {
	var out []docBlock
	var p comment.Parser
	for _, g := range f.Comments {
		for _, b := range p.Parse(g.Text()).Content {
			if c, ok := b.(*comment.Code); ok {
				out = append(out, docBlock{file: file, code: c.Text})
			}
		}
	}
	return out
}

// trimmedLines returns s's non-blank lines, each without its surrounding
// space.
func trimmedLines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// isCommands reports whether every line is a go command.
func isCommands(lines []string) bool {
	for _, l := range lines {
		if !strings.HasPrefix(l, "go ") {
			return false
		}
	}
	return true
}

// containsRun reports whether want appears in lines as consecutive lines.
func containsRun(lines, want []string) bool {
	for i := 0; i+len(want) <= len(lines); i++ {
		if slices.Equal(lines[i:i+len(want)], want) {
			return true
		}
	}
	return false
}
