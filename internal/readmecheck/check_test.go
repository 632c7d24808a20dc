package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const fence = "```"

func TestPrograms(t *testing.T) {
	t.Parallel()
	md := strings.Join([]string{
		"# Title",
		"## First",
		fence + "go", "package main", "", "func main() {}", fence,
		`<!-- readmecheck: fragment in func(cfg core.Config) error; imports github.com/rzauth/rememberizer-go/core -->`,
		fence + "go", "c, err := core.New(cfg) // a fragment, in a program of its own", "_ = c", "return err", fence,
		fence + "sh", "package main", fence,
		"## Second",
		fence + "go", "package main", "", "func main() { println() }", fence,
		"## Tests",
		`<!-- readmecheck: with "First" -->`,
		fence + "go", "package main", "", `import "testing"`, "", "func TestA(t *testing.T) {}", fence,
		fence + "go", "package main", "", `import "testing"`, "", "func TestB(t *testing.T) {}", fence,
	}, "\n")
	progs, err := programs([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if len(progs) != 3 {
		t.Fatalf("got %d programs, want 3", len(progs))
	}
	frag := progs[1]
	if frag.heading != "First (fragment)" || !frag.fragment ||
		!strings.Contains(frag.source, "func fragment(cfg core.Config) error {\nc, err := core.New(cfg)") ||
		!strings.Contains(frag.source, `"github.com/rzauth/rememberizer-go/core"`) {
		t.Errorf("fragment: got %+v", frag)
	}
	progs = slices.Delete(progs, 1, 2)
	if progs[0].heading != "First" || progs[0].line != 3 || len(progs[0].tests) != 1 || !strings.Contains(progs[0].tests[0], "TestA") {
		t.Errorf("first program: got %+v, want First at line 3 with TestA", progs[0])
	}
	if progs[1].heading != "Second" || len(progs[1].tests) != 1 || !strings.Contains(progs[1].tests[0], "TestB") {
		t.Errorf("second program: got %+v, want Second with TestB (no marker: the program before)", progs[1])
	}
}

func TestProgramsErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, md, want string }{
		{"unclosed", fence + "go\npackage main\n", "README line 1: code block never closed"},
		{"unknown heading", `<!-- readmecheck: with "Nowhere" -->` + "\n" + fence + "go\npackage main\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n" + fence + "\n",
			`README line 2: no program under the heading "Nowhere"`},
		{"test first", fence + "go\npackage main\n\nfunc TestX(t *testing.T) {}\n" + fence + "\n", "a test block with no program before it"},
		{"undeclared fragment", "text\n" + fence + "go\nrc, err := c.API(ctx)\n" + fence + "\n", "README line 2: a Go block that is neither a program (package main) nor a declared fragment"},
		{"bad marker", "<!-- readmecheck: fragment somewhere -->\n" + fence + "go\nx := 1\n" + fence + "\n", "README line 1: a fragment marker that does not parse"},
	} {
		if _, err := programs([]byte(tt.md)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestCheckFile builds a README with one good and one broken program
// against this checkout: the check must name the broken one only.
func TestCheckFile(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	md := strings.Join([]string{
		"## Good",
		fence + "go", "package main", "",
		`import "github.com/rzauth/rememberizer-go/core"`, "",
		"func main() { _, _ = core.NewSessionKey() }", fence,
		"## Broken",
		fence + "go", "package main", "",
		`import "github.com/rzauth/rememberizer-go/core"`, "",
		"func main() { _ = core.NoSuchThing }", fence,
		"## Fragments",
		`<!-- readmecheck: fragment in func(ctx context.Context, c *core.Client) error; imports context github.com/rzauth/rememberizer-go/core -->`,
		fence + "go", "hc, err := c.HTTPClient(ctx)", "if err != nil {", "\treturn err", "}", "_ = hc", fence,
		`<!-- readmecheck: fragment at top level; imports rz=github.com/rzauth/rememberizer-go/core -->`,
		fence + "go", "func key() ([]byte, error) { return rz.NewSessionKey() }", fence,
		`<!-- readmecheck: fragment in func(); imports fmt -->`,
		fence + "go", "fmt.Println(rdb) // rdb is not declared", fence,
	}, "\n")
	readme := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(readme, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	err = checkFile(context.Background(), readme, root, &log)
	want := `README programs that do not build: "Broken" (line 10), "Fragments (fragment)" (line 31)`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q; log:\n%s", err, want, log.String())
	}
	if !strings.Contains(log.String(), "undefined: core.NoSuchThing") || !strings.Contains(log.String(), "undefined: rdb") || strings.Contains(log.String(), "FAIL: Good") {
		t.Errorf("log should name the broken program's compile error only:\n%s", log.String())
	}
}

func TestRequiredModules(t *testing.T) {
	t.Parallel()
	mods := []module{
		{path: modulePath, dir: "/r"},
		{path: modulePath + "/ginmw", dir: "/r/ginmw"},
		{path: modulePath + "/sessionstore", dir: "/r/sessionstore"},
		{path: modulePath + "/sessionstore/redisstore", dir: "/r/sessionstore/redisstore"},
	}
	src := `package main

import (
	"fmt"

	"github.com/gin-gonic/gin"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)
`
	test := "package main\n\nimport \"github.com/rzauth/rememberizer-go/rememberizertest/apptest\"\n"
	got, err := requiredModules([]string{src, test}, mods)
	if err != nil {
		t.Fatal(err)
	}
	want := []module{mods[0], mods[1], mods[3]}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	mod := goMod(got, mods)
	for _, line := range []string{
		"\t" + modulePath + "/ginmw v0.0.0-00010101000000-000000000000\n",
		"\t" + modulePath + "/sessionstore => /r/sessionstore\n",
	} {
		if !strings.Contains(mod, line) {
			t.Errorf("go.mod lacks %q:\n%s", line, mod)
		}
	}
	if strings.Contains(mod, modulePath+"/sessionstore v0") {
		t.Errorf("go.mod requires a module the program does not import:\n%s", mod)
	}
}

// TestRepoModules finds this checkout's modules, the root first.
func TestRepoModules(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	mods, err := repoModules(root)
	if err != nil {
		t.Fatal(err)
	}
	if mods[0].path != modulePath || mods[0].dir != root {
		t.Fatalf("first module: got %+v, want %s at %s", mods[0], modulePath, root)
	}
	want := filepath.Join(root, "sessionstore", "redisstore")
	if m, ok := owner(modulePath+"/sessionstore/redisstore", mods); !ok || m.dir != want {
		t.Fatalf("owner of redisstore: got %+v, %v; want the module at %s", m, ok, want)
	}
}
