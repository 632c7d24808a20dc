package demo

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeDemoOutput returns the lines README.md's "Try it" section says
// the demo prints.
func readmeDemoOutput(t *testing.T) []string {
	t.Helper()
	md, err := os.ReadFile("../../../README.md")
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

// TestReadmeDescribesDemoOutput runs the demo's start-up as `go run`
// does with no configuration and compares what it prints with README.md,
// where only the fake's port and the time may differ.
func TestReadmeDescribesDemoOutput(t *testing.T) {
	setEnv(t, nil)
	want := readmeDemoOutput(t)
	if len(want) != 4 {
		t.Fatalf("README shows %d lines of demo output, want 4: %q", len(want), want)
	}
	env, stdout, stderr, err := load(t)
	if err != nil {
		t.Fatal(err)
	}
	// The log line comes from the Server, through Load's logger.
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := HTTPServer(http.NotFoundHandler())(ctx, ln, slog.New(slog.NewTextHandler(&logs, nil))); err != nil {
		t.Fatal(err)
	}
	listening := strings.SplitN(logs.String(), "\n", 2)[0]

	fakePort := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	normalize := func(s string) string {
		s = regexp.MustCompile(`(?m)^time=\S+ `).ReplaceAllString(s, "time=T ")
		return regexp.MustCompile(`addr=\S+$`).ReplaceAllString(s, "addr=A")
	}
	if got, w := normalize(strings.TrimSuffix(stderr, "\n")), normalize(want[0]+"\n"+want[1]); got != w {
		t.Errorf("stderr:\ngot  %q\nwant %q (README)", got, w)
	}
	if got, w := fakePort.ReplaceAllString(strings.TrimSuffix(stdout, "\n"), "FAKE"), fakePort.ReplaceAllString(want[2], "FAKE"); got != w {
		t.Errorf("stdout:\ngot  %q\nwant %q (README)", got, w)
	}
	if !strings.Contains(stdout, env.Fake.URL) {
		t.Errorf("stdout %q does not name the fake's URL %s", stdout, env.Fake.URL)
	}
	if got, w := normalize(listening), normalize(want[3]); got != w {
		t.Errorf("log:\ngot  %q\nwant %q (README)", got, w)
	}
	if !strings.HasSuffix(want[3], "addr=[::]:"+strings.TrimPrefix(DefaultAddr, ":")) {
		t.Errorf("README's log line %q does not show the default address %s", want[3], DefaultAddr)
	}
}
