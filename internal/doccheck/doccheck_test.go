package doccheck

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

// TestDocCodeIsCompiled finds every code block in the comments of the
// non-test Go files of the repository, every module included, and checks
// that its lines (each trimmed, blank ones dropped) appear as a run in a
// test file of the module the comment is in. Blocks of go commands (go run
// ./examples/nethttp) are not Go code and are skipped.
func TestDocCodeIsCompiled(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string][][]string{} // module dir → its test files' lines
	var blocks []docBlock
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == ".git" || n == "testdata" || (strings.HasPrefix(n, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		mod := moduleDir(root, filepath.Dir(path))
		if strings.HasSuffix(path, "_test.go") {
			tests[mod] = append(tests[mod], trimmedLines(string(data)))
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, data, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, code := range codeBlocks(f) {
			blocks = append(blocks, docBlock{file: path, module: mod, code: code})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) < 20 {
		t.Fatalf("found %d code blocks in comments, want the packages' usage examples at least", len(blocks))
	}
	for _, b := range blocks {
		want := trimmedLines(b.code)
		if isCommands(want) {
			continue
		}
		if !slices.ContainsFunc(tests[b.module], func(lines []string) bool { return containsRun(lines, want) }) {
			rel, _ := filepath.Rel(root, b.file)
			t.Errorf("%s: this code block in a comment is in no test file of its module, so nothing compiles it:\n%s", rel, b.code)
		}
	}
}

// docBlock is a code block in a comment.
type docBlock struct {
	file, module, code string
}

// moduleDir returns the directory of the go.mod that holds dir.
func moduleDir(root, dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil || d == root || d == filepath.Dir(d) {
			return d
		}
	}
}

// codeBlocks returns the code blocks of every comment in f.
func codeBlocks(f *ast.File) []string {
	var out []string
	var p comment.Parser
	for _, g := range f.Comments {
		for _, b := range p.Parse(g.Text()).Content {
			if c, ok := b.(*comment.Code); ok {
				out = append(out, c.Text)
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
