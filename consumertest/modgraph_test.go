package consumertest

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestRootModuleGraph checks that an app importing only the root module
// (core, nethttp, rememberizer) gets golang.org/x/oauth2 and what it
// requires, nothing more: the module graph `go list -m all` shows for the
// root module on its own is what such an app's graph adds. The telemetry
// and framework modules must keep their dependencies to themselves.
func TestRootModuleGraph(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Path}}", "all")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -m all: %v\n%s", err, out)
	}
	got := strings.Fields(string(out))
	want := []string{
		"github.com/rzauth/rememberizer-go",
		"cloud.google.com/go/compute/metadata", // required by golang.org/x/oauth2's go.mod; no package of it is built
		"golang.org/x/oauth2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("the root module's graph: got %q, want %q", got, want)
	}
}
