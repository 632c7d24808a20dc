package demowalk

import (
	"bytes"
	"context"
	"encoding/base64"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/examples/demoenv"
)

// setEnv clears every variable demoenv.Load reads, then sets those in
// vars.
func setEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range []string{"REMEMBERIZER_CLIENT_ID", "REMEMBERIZER_CLIENT_SECRET", "REMEMBERIZER_BASE_URL", "PUBLIC_URL", "ADDR", "SESSION_KEYS", "REDIS_URL", "SQLITE_PATH", "METRICS"} {
		t.Setenv(k, vars[k])
	}
}

// started is what an example's run did with a context that had already
// ended.
type started struct {
	err            error
	stdout, stderr string
	listenedOn     []string // the addresses run asked to listen on
}

// startAndStop calls run with an ended context, on a loopback listener
// whatever address it asks for, and returns what it did.
func startAndStop(t *testing.T, run RunFunc) started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var s started
	var stdout, stderr bytes.Buffer
	s.err = run(ctx, &stdout, &stderr, func(network, address string) (net.Listener, error) {
		s.listenedOn = append(s.listenedOn, address)
		return net.Listen(network, "127.0.0.1:0")
	})
	s.stdout, s.stderr = stdout.String(), stderr.String()
	return s
}

// Startup checks an example's start-up, run being what its main runs:
// with no configuration it prints what README.md's "Try it" says, settings
// it refuses print nothing, and outside demo mode it serves until its
// context ends. It sets environment variables, so neither the test
// calling it nor its parents may be parallel.
func Startup(t *testing.T, run RunFunc) {
	t.Run("ReadmeDescribesOutput", func(t *testing.T) { readmeDescribesOutput(t, run) })
	t.Run("RefusedSettingsPrintNothing", func(t *testing.T) { refusedSettingsPrintNothing(t, run) })
	t.Run("ServesUntilDone", func(t *testing.T) { servesUntilDone(t, run) })
}

// readmeDemoOutput returns the lines README.md's "Try it" section says
// the demo prints.
func readmeDemoOutput(t *testing.T) []string {
	t.Helper()
	md, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(md)
	i := strings.Index(s, "## Try it")
	if i < 0 {
		t.Fatal(`README.md has no "## Try it" section`)
	}
	s = s[i:]
	start := strings.Index(s, "```text\n")
	if start < 0 {
		t.Fatal(`README.md's "Try it" has no text block with the demo's output`)
	}
	s = s[start+len("```text\n"):]
	return strings.Split(strings.TrimSuffix(s[:strings.Index(s, "```")], "\n"), "\n")
}

// repoRoot returns the repository's root: the nearest folder up from the
// test's that holds README.md and a go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, errReadme := os.Stat(filepath.Join(dir, "README.md"))
		_, errMod := os.Stat(filepath.Join(dir, "go.mod"))
		if errReadme == nil && errMod == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no folder up from the test's holds README.md and go.mod")
		}
		dir = parent
	}
}

// readmeDescribesOutput runs the example's start-up as `go run` does
// with no configuration and compares what it prints with README.md, where
// only the fake's port, the time and the listener's address may differ.
func readmeDescribesOutput(t *testing.T, run RunFunc) {
	setEnv(t, nil)
	want := readmeDemoOutput(t)
	if len(want) != 4 {
		t.Fatalf("README shows %d lines of demo output, want 4: %q", len(want), want)
	}
	s := startAndStop(t, run)
	if s.err != nil {
		t.Fatal(s.err)
	}
	// stderr: core's http warning and the demo's SESSION_KEYS warning,
	// then the log: listening, shutting down.
	stderr := strings.Split(strings.TrimSuffix(s.stderr, "\n"), "\n")
	if len(stderr) != 4 || !strings.Contains(stderr[3], `msg="shutting down"`) {
		t.Fatalf("got stderr %q, want two warnings, then listening and shutting down", s.stderr)
	}

	fakePort := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	normalize := func(s string) string {
		s = regexp.MustCompile(`(?m)^time=\S+ `).ReplaceAllString(s, "time=T ")
		return regexp.MustCompile(`addr=\S+$`).ReplaceAllString(s, "addr=A")
	}
	if got, w := normalize(stderr[0]+"\n"+stderr[1]), normalize(want[0]+"\n"+want[1]); got != w {
		t.Errorf("stderr:\ngot  %q\nwant %q (README)", got, w)
	}
	if got, w := fakePort.ReplaceAllString(strings.TrimSuffix(s.stdout, "\n"), "FAKE"), fakePort.ReplaceAllString(want[2], "FAKE"); got != w {
		t.Errorf("stdout:\ngot  %q\nwant %q (README)", got, w)
	}
	if got, w := normalize(stderr[2]), normalize(want[3]); got != w {
		t.Errorf("log:\ngot  %q\nwant %q (README)", got, w)
	}
	if len(s.listenedOn) != 1 || s.listenedOn[0] != demoenv.DefaultAddr {
		t.Errorf("run asked to listen on %q, want %q", s.listenedOn, demoenv.DefaultAddr)
	}
	if !strings.HasSuffix(want[3], "addr=[::]:"+strings.TrimPrefix(demoenv.DefaultAddr, ":")) {
		t.Errorf("README's log line %q does not show the default address %s", want[3], demoenv.DefaultAddr)
	}
}

// refusedSettingsPrintNothing gives run settings it must refuse, and
// checks that it says why in its error and prints nothing: not the demo's
// lines, not the http warning, not a listening line.
func refusedSettingsPrintNothing(t *testing.T, run RunFunc) {
	shortKey := base64.StdEncoding.EncodeToString([]byte("too short"))
	tests := []struct {
		name    string
		vars    map[string]string
		wantErr string
	}{
		{
			name:    "secret missing",
			vars:    map[string]string{"REMEMBERIZER_CLIENT_ID": "my-client"},
			wantErr: "REMEMBERIZER_CLIENT_SECRET",
		},
		{
			name:    "short session key",
			vars:    map[string]string{"SESSION_KEYS": shortKey},
			wantErr: "key 1 of 1",
		},
		{
			name:    "public URL with a path",
			vars:    map[string]string{"PUBLIC_URL": "https://app.example.com/app"},
			wantErr: "PUBLIC_URL",
		},
		{
			name:    "ADDR and PUBLIC_URL disagree",
			vars:    map[string]string{"ADDR": ":3000", "PUBLIC_URL": "http://localhost:8080"},
			wantErr: `PUBLIC_URL http://localhost:8080 is on port 8080 but ADDR ":3000" listens on port 3000`,
		},
		{
			name:    "demo mode on a public URL",
			vars:    map[string]string{"PUBLIC_URL": "https://app.example.com"},
			wantErr: `demo mode needs PUBLIC_URL on this machine (http://localhost:PORT): rememberizertest: StartLocal: redirect URL "https://app.example.com/auth/rememberizer/callback" is not on this machine`,
		},
		{
			name: "base URL with a path", // refused by core.New
			vars: map[string]string{"REMEMBERIZER_CLIENT_ID": "id", "REMEMBERIZER_CLIENT_SECRET": "secret",
				"REMEMBERIZER_BASE_URL": "https://api.rememberizer.ai/api/v1/"},
			wantErr: `BaseURL "https://api.rememberizer.ai/api/v1" must have no path: drop "/api/v1"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, tt.vars)
			s := startAndStop(t, run)
			if s.err == nil || !strings.Contains(s.err.Error(), tt.wantErr) {
				t.Fatalf("got error %v, want one naming %s", s.err, tt.wantErr)
			}
			if s.stdout != "" || s.stderr != "" || len(s.listenedOn) != 0 {
				t.Errorf("got stdout %q, stderr %q and listened on %q, want nothing before the configuration is checked", s.stdout, s.stderr, s.listenedOn)
			}
			if strings.Contains(s.err.Error(), shortKey) {
				t.Errorf("error %q shows the key", s.err)
			}
		})
	}
}

// servesUntilDone starts the app with credentials, as in production but
// for the random session key, and checks that it serves until its
// context ends, then returns nil.
func servesUntilDone(t *testing.T, run RunFunc) {
	setEnv(t, map[string]string{
		"REMEMBERIZER_CLIENT_ID":     "my-client",
		"REMEMBERIZER_CLIENT_SECRET": "my-secret",
		"PUBLIC_URL":                 "https://app.example.com",
		"ADDR":                       "127.0.0.1:9999",
	})
	s := startAndStop(t, run)
	if s.err != nil {
		t.Fatalf("run: got %v, want nil once its context is done", s.err)
	}
	if s.stdout != "" {
		t.Errorf("got stdout %q, want nothing outside demo mode", s.stdout)
	}
	if len(s.listenedOn) != 1 || s.listenedOn[0] != "127.0.0.1:9999" {
		t.Errorf("run asked to listen on %q, want ADDR 127.0.0.1:9999", s.listenedOn)
	}
	lines := strings.Split(strings.TrimSuffix(s.stderr, "\n"), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "SESSION_KEYS") ||
		!strings.Contains(lines[1], "msg=listening addr=127.0.0.1:") || !strings.Contains(lines[2], `msg="shutting down"`) {
		t.Errorf("got stderr %q, want the SESSION_KEYS warning, then listening and shutting down", s.stderr)
	}
}
