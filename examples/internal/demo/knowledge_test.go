package demo

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
)

func TestMemorizeRefusals(t *testing.T) {
	t.Parallel()
	c, err := core.New(core.Config{
		ClientID:     "id",
		ClientSecret: "secret",
		RedirectURL:  "http://localhost:8080/auth/rememberizer/callback",
		SessionKeys:  [][]byte{[]byte("knowledge test session key 32 b.")},
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", MaxNoteBytes+1)
	tests := []struct {
		name          string
		headers       map[string]string
		noteName      string
		content       string
		wantStatus    int
		wantInMessage string
	}{
		{"other origin", map[string]string{"Origin": "https://evil.example"}, "n", "c", http.StatusForbidden, "own pages"},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, "n", "c", http.StatusForbidden, "own pages"},
		{"no name", map[string]string{"Origin": "http://localhost:8080"}, " ", "c", http.StatusBadRequest, "needs a name"},
		{"no content", nil, "n", "", http.StatusBadRequest, "needs a name"},
		{"content too long", nil, "n", long, http.StatusBadRequest, "needs a name"},
		{"not UTF-8", nil, "n\xff", "c", http.StatusBadRequest, "needs a name"},
		// Valid, but the context carries no signed-in user.
		{"not signed in", map[string]string{"Origin": "http://localhost:8080", "Sec-Fetch-Site": "same-origin"}, "n", "c", http.StatusBadGateway, "could not store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			header := func(name string) string { return tt.headers[name] }
			rep := Memorize(context.Background(), c, header, tt.noteName, tt.content)
			if rep.Status != tt.wantStatus || rep.Location != "" || !strings.Contains(rep.Message, tt.wantInMessage) {
				t.Errorf("got %+v, want %d with a message about %q", rep, tt.wantStatus, tt.wantInMessage)
			}
		})
	}
}

func TestSourceName(t *testing.T) {
	t.Parallel()
	for kind, want := range map[string]string{"google_drive": "Google Drive", "slack": "Slack", "gmail": "Gmail", "memory": "Memory", "": "Rememberizer", "notion": "notion"} {
		if got := sourceName(kind); got != want {
			t.Errorf("sourceName(%q): got %q, want %q", kind, got, want)
		}
	}
}
