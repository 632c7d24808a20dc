package main

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
	"github.com/rzauth/rememberizer-go/internal/syncbuf"
)

// TestAccessLogDropsCallbackQuery walks the demo (sign-ins approved and
// denied) with the app's access log captured: every callback is logged,
// none with its query, which holds the code and the state.
func TestAccessLogDropsCallbackQuery(t *testing.T) {
	var logs syncbuf.Buffer
	// run writes the access log to stdout.
	demowalk.Run(t, config, func(ctx context.Context, _, stderr io.Writer, listen func(network, address string) (net.Listener, error)) error {
		return run(ctx, &logs, stderr, listen)
	})
	callbacks := 0
	for _, line := range strings.Split(logs.String(), "\n") {
		if !strings.Contains(line, "/auth/rememberizer/callback") {
			continue
		}
		callbacks++
		if strings.ContainsAny(line, "?") || strings.Contains(line, "code=") || strings.Contains(line, "state=") {
			t.Errorf("the access log shows a callback's query: %s", line)
		}
	}
	if callbacks < 2 {
		t.Fatalf("got %d callback lines in the access log, want at least 2 (approved, denied):\n%s", callbacks, logs.String())
	}
}
