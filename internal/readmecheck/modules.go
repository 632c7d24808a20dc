package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// module is one module of the checkout: its path and its directory.
type module struct {
	path, dir string
}

var moduleLine = regexp.MustCompile(`(?m)^module\s+(\S+)\s*$`)

// repoModules lists every module of the checkout at root (each directory
// with a go.mod), the root module first.
func repoModules(root string) ([]module, error) {
	var mods []module
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || d.Name() != "go.mod" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m := moduleLine.FindSubmatch(b)
		if m == nil {
			return fmt.Errorf("%s: no module line", path)
		}
		mods = append(mods, module{path: string(m[1]), dir: filepath.Dir(path)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The root module's path is a prefix of every other's.
	slices.SortFunc(mods, func(a, b module) int { return strings.Compare(a.path, b.path) })
	if len(mods) == 0 || mods[0].path != modulePath {
		return nil, fmt.Errorf("%s is not a checkout of %s", root, modulePath)
	}
	return mods, nil
}

// requiredModules returns the modules of mods that the Go files srcs
// import packages of, the root module always first: for each import, the
// module whose path is its longest prefix.
func requiredModules(srcs []string, mods []module) ([]module, error) {
	required := []module{mods[0]}
	for _, src := range srcs {
		f, err := parser.ParseFile(token.NewFileSet(), "readme.go", src, parser.ImportsOnly)
		if err != nil {
			return nil, err
		}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return nil, err
			}
			m, ok := owner(path, mods)
			if ok && !slices.Contains(required, m) {
				required = append(required, m)
			}
		}
	}
	return required, nil
}

// owner returns the module of mods that holds the package at path.
func owner(path string, mods []module) (module, bool) {
	var best module
	for _, m := range mods {
		if (path == m.path || strings.HasPrefix(path, m.path+"/")) && len(m.path) > len(best.path) {
			best = m
		}
	}
	return best, best.path != ""
}

// goMod is the go.mod of a program's module: it requires the modules the
// program imports and replaces every module of the checkout by its
// directory, so that the modules they require of this repository resolve
// to the checkout too.
func goMod(required, mods []module) string {
	var b strings.Builder
	b.WriteString("module readmecheck.example/app\n\ngo 1.26.0\n\nrequire (\n")
	for _, m := range required {
		fmt.Fprintf(&b, "\t%s v0.0.0-00010101000000-000000000000\n", m.path)
	}
	b.WriteString(")\n\nreplace (\n")
	for _, m := range mods {
		fmt.Fprintf(&b, "\t%s => %s\n", m.path, m.dir)
	}
	b.WriteString(")\n")
	return b.String()
}

// goSum joins the go.sum files of the required modules, each line once.
func goSum(required []module) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, m := range required {
		sum, err := os.ReadFile(filepath.Join(m.dir, "go.sum"))
		if err != nil {
			continue // a module with no dependencies has none
		}
		for _, l := range strings.Split(string(sum), "\n") {
			if l != "" && !seen[l] {
				seen[l] = true
				b.WriteString(l + "\n")
			}
		}
	}
	return b.String()
}
