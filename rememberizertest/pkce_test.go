package rememberizertest

import (
	"strings"
	"testing"
)

func TestS256Challenge(t *testing.T) {
	t.Parallel()
	if got := S256Challenge(testVerifier); got != testChallenge {
		t.Errorf("S256Challenge(%q): got %q, want %q", testVerifier, got, testChallenge)
	}
}

func TestValidVerifier(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		verifier string
		want     bool
	}{
		{"rfc vector", testVerifier, true},
		{"42 chars", strings.Repeat("a", 42), false},
		{"43 chars", strings.Repeat("a", 43), true},
		{"128 chars", strings.Repeat("~", 128), true},
		{"129 chars", strings.Repeat("a", 129), false},
		{"plus sign", strings.Repeat("a", 42) + "+", false},
		{"space", strings.Repeat("a", 42) + " ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validVerifier(tt.verifier); got != tt.want {
				t.Errorf("validVerifier: got %v, want %v", got, tt.want)
			}
		})
	}
}
