package provider

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestPayloadSizes(t *testing.T) {
	tests := []struct {
		name        string
		p           Payload
		accessBytes int
	}{
		{"opaque40", Payloads[0], 40},
		{"jwt900", Payloads[1], 900},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(tt.p.AccessToken); got != tt.accessBytes {
				t.Fatalf("got access token of %d bytes, want %d", got, tt.accessBytes)
			}
			if got := len(tt.p.RefreshToken); got != 40 {
				t.Fatalf("got refresh token of %d bytes, want 40", got)
			}
		})
	}
	parts := strings.Split(Payloads[1].AccessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("got %d JWT parts, want 3", len(parts))
	}
	if _, err := base64.RawURLEncoding.DecodeString(parts[0]); err != nil {
		t.Fatalf("JWT header is not base64url: %v", err)
	}
}
