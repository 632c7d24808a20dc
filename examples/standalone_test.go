// Package examples holds the checks that span the example apps: each
// builds as a module of its own. That every code block in a comment under
// examples/ is compiled is checked with the rest of the repository's, by
// internal/doccheck.
package examples

import (
	"bufio"
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// repoModule is the module path of the repository's root module; every
// module in the repository has a path under it.
const repoModule = "github.com/rzauth/rememberizer-go"

// TestAppsBuildOutsideTheRepository copies each example app's main.go,
// with the other non-test files of its folder, into a fresh module,
// example.com/app, in a temporary folder, and builds it there: what a user
// who copies an example gets. The module requires the repository's
// modules the app imports and replaces each module of the repository the
// build needs (those and, through their go.mod files, what they require)
// with its folder here, so it builds against this checkout whether
// ginmw, examples and the stores are modules of their own or not. It uses
// the module cache, and the proxy for what the cache lacks.
func TestAppsBuildOutsideTheRepository(t *testing.T) {
	if testing.Short() {
		t.Skip("builds each example app in a module of its own; -short skips it")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the apps: %v", err)
	}
	root := repoRoot(t)
	apps := exampleApps(t, root)
	if len(apps) < 3 {
		t.Fatalf("got example apps %q, want at least nethttp, gin and fiber", apps)
	}
	for _, app := range apps {
		t.Run(filepath.Base(app), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			imports := copyApp(t, app, dir)
			for _, path := range imports {
				if path == "internal" || strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal") {
					t.Errorf("the app imports %s, an internal package a copy cannot import", path)
				}
			}
			direct := map[string]string{} // module path → folder
			for _, path := range imports {
				if path == repoModule || strings.HasPrefix(path, repoModule+"/") {
					mod, modDir := moduleOf(t, root, path)
					direct[mod] = modDir
				}
			}
			replaced := neededModules(t, root, direct)
			writeModule(t, dir, root, direct, replaced)

			cmd := exec.Command(goBin, "build", "-o", filepath.Join(dir, "app"), ".")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
				t.Fatalf("go build of a copy of %s, outside the repository: %v\n%s\ngo.mod:\n%s", app, err, out, gomod)
			}
		})
	}
}

// repoRoot returns the folder of the repository's root module: the
// nearest one up from the test's folder whose go.mod declares repoModule.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if modulePath(filepath.Join(dir, "go.mod")) == repoModule {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod up from the test's folder declares module %s", repoModule)
		}
		dir = parent
	}
}

// modulePath returns the module path a go.mod file declares, or "" when
// there is no such file.
func modulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
			p, err := strconv.Unquote(f[1])
			if err != nil {
				p = f[1]
			}
			return p
		}
	}
	return ""
}

// exampleApps returns the folders of the example apps: those in examples/
// that hold a main.go.
func exampleApps(t *testing.T, root string) []string {
	t.Helper()
	mains, err := filepath.Glob(filepath.Join(root, "examples", "*", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	var apps []string
	for _, m := range mains {
		apps = append(apps, filepath.Dir(m))
	}
	return apps
}

// copyApp copies the non-test files of the app's folder into dir and
// returns the paths the copied Go files import.
func copyApp(t *testing.T, app, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(app)
	if err != nil {
		t.Fatal(err)
	}
	var imports []string
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(app, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, data, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !slices.Contains(imports, path) {
				imports = append(imports, path)
			}
		}
	}
	return imports
}

// moduleOf returns the module of the repository that holds the package
// with import path pkg, and its folder: the nearest go.mod up from the
// package's folder.
func moduleOf(t *testing.T, root, pkg string) (path, dir string) {
	t.Helper()
	dir = filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(pkg, repoModule), "/")))
	for {
		if p := modulePath(filepath.Join(dir, "go.mod")); p != "" {
			return p, dir
		}
		if dir == root {
			t.Fatalf("no go.mod holds %s", pkg)
		}
		dir = filepath.Dir(dir)
	}
}

// neededModules returns the repository's modules a build of modules
// needs: those, and the repository's modules their go.mod files require,
// recursively, each with its folder. A required module that is not in the
// repository (a path with no go.mod declaring it) is left to the proxy.
func neededModules(t *testing.T, root string, modules map[string]string) map[string]string {
	t.Helper()
	needed := map[string]string{}
	queue := make([]string, 0, len(modules))
	for m, dir := range modules {
		needed[m] = dir
		queue = append(queue, m)
	}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		data, err := os.ReadFile(filepath.Join(needed[m], "go.mod"))
		if err != nil {
			t.Fatal(err)
		}
		for _, req := range repoPathsIn(data) {
			if _, ok := needed[req]; ok {
				continue
			}
			dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(req, repoModule), "/")))
			if modulePath(filepath.Join(dir, "go.mod")) != req {
				continue
			}
			needed[req] = dir
			queue = append(queue, req)
		}
	}
	return needed
}

// repoPathsIn returns the module paths under repoModule that a go.mod
// file names outside its module line: in require, replace and exclude
// directives.
func repoPathsIn(gomod []byte) []string {
	var paths []string
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "module" {
			continue
		}
		for _, w := range f {
			if p, err := strconv.Unquote(w); err == nil {
				w = p
			}
			if (w == repoModule || strings.HasPrefix(w, repoModule+"/")) && !slices.Contains(paths, w) {
				paths = append(paths, w)
			}
		}
	}
	return paths
}

// writeModule writes dir's go.mod, module example.com/app, requiring the
// direct modules and replacing each of replaced with its folder, and a
// go.sum gathered from the replaced modules' own go.sum files.
func writeModule(t *testing.T, dir, root string, direct, replaced map[string]string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "module example.com/app\n\ngo %s\n\nrequire (\n", goVersion(t, root))
	for _, m := range sortedKeys(direct) {
		fmt.Fprintf(&b, "\t%s v0.0.0-00010101000000-000000000000\n", m)
	}
	b.WriteString(")\n\nreplace (\n")
	for _, m := range sortedKeys(replaced) {
		fmt.Fprintf(&b, "\t%s => %s\n", m, replaced[m])
	}
	b.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	var sums []string
	for _, m := range sortedKeys(replaced) {
		data, err := os.ReadFile(filepath.Join(replaced[m], "go.sum"))
		if err != nil {
			continue // a module with no dependencies has no go.sum
		}
		for line := range strings.Lines(string(data)) {
			if line = strings.TrimSpace(line); line != "" && !slices.Contains(sums, line) {
				sums = append(sums, line)
			}
		}
	}
	slices.Sort(sums)
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), []byte(strings.Join(sums, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goVersion returns the go directive's version in the root module's
// go.mod.
func goVersion(t *testing.T, root string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "go" {
			return f[1]
		}
	}
	t.Fatal("the root go.mod has no go directive")
	return ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
