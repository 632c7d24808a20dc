package core

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestHTTPRedirectWarns: New logs one warning, saying http is for local
// development only, when the redirect URL is http (loopback), and none
// over https.
func TestHTTPRedirectWarns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		redirect string
		warns    bool
	}{
		{"http://localhost:8080/auth/rememberizer/callback", true},
		{"http://127.0.0.1:3000/auth/rememberizer/callback", true},
		{"http://[::1]/auth/rememberizer/callback", true},
		{"https://app.example.com/auth/rememberizer/callback", false},
		{"https://localhost:8443/auth/rememberizer/callback", false},
	}
	for _, tt := range tests {
		t.Run(tt.redirect, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			cfg := validConfig()
			cfg.RedirectURL = tt.redirect
			cfg.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			if _, err := newClient(cfg); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			if !tt.warns {
				if logs.Len() != 0 {
					t.Fatalf("got %q, want no log line over https", logs.String())
				}
				return
			}
			if len(lines) != 1 || !strings.Contains(lines[0], `"level":"WARN"`) || !strings.Contains(lines[0], "for local development only") {
				t.Fatalf("got %q, want one WARN line saying http is for local development only", logs.String())
			}
			if strings.Contains(lines[0], cfg.ClientSecret) {
				t.Fatal("the warning shows the client secret")
			}
		})
	}
}
