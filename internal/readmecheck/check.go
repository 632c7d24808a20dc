package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// modulePath is the root module of the repository whose README's
// programs are checked; its other modules' paths begin with it.
const modulePath = "github.com/rzauth/rememberizer-go"

// program is one README program and the test files that go with it.
type program struct {
	heading string // the README heading it is under
	line    int    // where its block starts, 1-based
	source  string
	tests   []string
	// fragment: source wraps a README fragment (fragmentMarker).
	fragment bool
}

var withMarker = regexp.MustCompile(`^<!--\s*readmecheck:\s*with\s+"([^"]+)"\s*-->\s*$`)

// fragmentMarker declares the context of a Go block that is not a whole
// program: `<!-- readmecheck: fragment in func(PARAMS) RESULTS; imports
// PATH ... -->` puts the block in the body of a function with that
// signature (its parameters are the names the fragment uses without
// declaring them), `<!-- readmecheck: fragment at top level; imports
// PATH ... -->` puts it at the top of a file; either way with those
// imports (NAME=PATH for a named one), in a program of its own that must
// build.
var fragmentMarker = regexp.MustCompile(`^<!--\s*readmecheck:\s*fragment\s+(at top level|in (func\(.*?\).*?))\s*(?:;\s*imports\s+(.*?))?\s*-->\s*$`)

// fragmentProgram is the program that holds a fragment, from its marker's
// submatches.
func fragmentProgram(m []string, body string) string {
	var b strings.Builder
	b.WriteString("package main\n\n")
	if imports := strings.Fields(m[3]); len(imports) > 0 {
		b.WriteString("import (\n")
		for _, p := range imports {
			if name, path, ok := strings.Cut(p, "="); ok { // name=path: a named import
				fmt.Fprintf(&b, "\t%s %q\n", name, path)
				continue
			}
			fmt.Fprintf(&b, "\t%q\n", p)
		}
		b.WriteString(")\n\n")
	}
	b.WriteString("func main() {}\n\n")
	if m[2] == "" {
		b.WriteString(body)
		return b.String()
	}
	sig := strings.TrimSpace(m[2])
	fmt.Fprintf(&b, "func fragment%s {\n%s", strings.TrimPrefix(sig, "func"), body)
	if hasResults(sig) {
		// The fragment need not end in a return statement.
		b.WriteString("\tpanic(\"end of the README fragment\")\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// programs extracts the README's programs.
func programs(markdown []byte) ([]*program, error) {
	var (
		progs    []*program
		heading  string
		with     string
		fragment []string
		inBlock  bool
		lang     string
		start    int
		buf      strings.Builder
	)
	sc := bufio.NewScanner(bytes.NewReader(markdown))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !inBlock {
			switch {
			case strings.HasPrefix(line, "```"):
				inBlock, lang, start = true, strings.TrimSpace(strings.TrimPrefix(line, "```")), n
				buf.Reset()
			case strings.HasPrefix(line, "#"):
				heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
			default:
				if m := withMarker.FindStringSubmatch(line); m != nil {
					with = m[1]
				}
				if m := fragmentMarker.FindStringSubmatch(line); m != nil {
					fragment = m
				} else if strings.HasPrefix(line, "<!-- readmecheck: fragment") {
					return nil, fmt.Errorf("README line %d: a fragment marker that does not parse: %s", n, line)
				}
			}
			continue
		}
		if strings.TrimSpace(line) != "```" {
			buf.WriteString(line)
			buf.WriteByte('\n')
			continue
		}
		inBlock = false
		src := buf.String()
		frag := fragment
		fragment = nil
		if lang != "go" {
			continue
		}
		if !strings.HasPrefix(src, "package main\n") {
			if frag == nil {
				return nil, fmt.Errorf("README line %d: a Go block that is neither a program (package main) nor a declared fragment; precede it with <!-- readmecheck: fragment in func(…) …; imports … --> or <!-- readmecheck: fragment at top level; imports … -->", start)
			}
			progs = append(progs, &program{heading: heading + " (fragment)", line: start, source: fragmentProgram(frag, src), fragment: true})
			continue
		}
		if !regexp.MustCompile(`(?m)^func Test\w*\(t \*testing\.T\)`).MatchString(src) {
			progs = append(progs, &program{heading: heading, line: start, source: src})
			with = ""
			continue
		}
		target, err := findProgram(progs, with, start)
		if err != nil {
			return nil, err
		}
		target.tests = append(target.tests, src)
		with = ""
	}
	if inBlock {
		return nil, fmt.Errorf("README line %d: code block never closed", start)
	}
	return progs, sc.Err()
}

// findProgram is the program under heading, or the last one when heading
// is empty.
func findProgram(progs []*program, heading string, line int) (*program, error) {
	if heading == "" {
		for i := len(progs) - 1; i >= 0; i-- {
			if !progs[i].fragment {
				return progs[i], nil
			}
		}
		return nil, fmt.Errorf("README line %d: a test block with no program before it", line)
	}
	for _, p := range progs {
		if p.heading == heading {
			return p, nil
		}
	}
	return nil, fmt.Errorf("README line %d: no program under the heading %q", line, heading)
}

// checkFile checks every program of the README at path against the
// module checked out at root.
func checkFile(ctx context.Context, path, root string, log io.Writer) error {
	md, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	progs, err := programs(md)
	if err != nil {
		return err
	}
	if len(progs) == 0 {
		return errors.New("no ```go block starting with package main in " + path)
	}
	var failed []string
	for _, p := range progs {
		fmt.Fprintf(log, "== %s (README line %d, %d test files)\n", p.heading, p.line, len(p.tests))
		if err := check(ctx, p, root, log); err != nil {
			fmt.Fprintf(log, "\nFAIL: %s: %v\n", p.heading, err)
			failed = append(failed, fmt.Sprintf("%q (line %d)", p.heading, p.line))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("README programs that do not build: %s", strings.Join(failed, ", "))
	}
	return nil
}

// check builds p in a fresh module, and runs its tests if it has any.
func check(ctx context.Context, p *program, root string, log io.Writer) error {
	mods, err := repoModules(root)
	if err != nil {
		return err
	}
	srcs := append([]string{p.source}, p.tests...)
	required, err := requiredModules(srcs, mods)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "readmecheck-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"go.mod":  goMod(required, mods),
		"main.go": p.source,
	}
	for i, t := range p.tests {
		files[fmt.Sprintf("readme%d_test.go", i+1)] = t
	}
	files["go.sum"] = goSum(required)
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	steps := [][]string{{"go", "build", "-o", os.DevNull, "."}}
	if len(p.tests) > 0 {
		steps = append(steps, []string{"go", "vet", "."}, []string{"go", "test", "-count=1", "."})
	}
	for _, args := range steps {
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		log.Write(out)
		if err != nil {
			return fmt.Errorf("%s: %w", strings.Join(args, " "), err)
		}
	}
	return nil
}

// hasResults reports whether the function signature sig ("func(…) …")
// declares results: anything after its parameters' closing parenthesis.
func hasResults(sig string) bool {
	depth := 0
	for i, r := range sig {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return strings.TrimSpace(sig[i+1:]) != ""
			}
		}
	}
	return false
}
