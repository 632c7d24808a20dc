package demo_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/examples/internal/demo"
	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
)

func TestMemorizeRefusals(t *testing.T) {
	t.Parallel()
	c := demowalk.Client(t)
	long := strings.Repeat("x", demo.MaxNoteBytes+1)
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
			rep := demo.Memorize(context.Background(), c, header, tt.noteName, tt.content)
			if rep.Status != tt.wantStatus || rep.Location != "" || !strings.Contains(rep.Message, tt.wantInMessage) {
				t.Errorf("got %+v, want %d with a message about %q", rep, tt.wantStatus, tt.wantInMessage)
			}
		})
	}
}
