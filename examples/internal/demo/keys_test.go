package demo

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestParseSessionKeys(t *testing.T) {
	t.Parallel()
	k1 := bytes.Repeat([]byte{0xfb}, 32) // encodes with '+' and '/' in standard base64
	k2 := bytes.Repeat([]byte{0x01}, 32)
	short := base64.StdEncoding.EncodeToString([]byte("sixteen byte key"))
	tests := []struct {
		name    string
		raw     string
		want    [][]byte
		wantErr string
	}{
		{name: "one standard key", raw: base64.StdEncoding.EncodeToString(k1), want: [][]byte{k1}},
		{name: "URL-safe key", raw: base64.URLEncoding.EncodeToString(k1), want: [][]byte{k1}},
		{name: "unpadded keys", raw: base64.RawStdEncoding.EncodeToString(k1) + "," + base64.RawURLEncoding.EncodeToString(k2), want: [][]byte{k1, k2}},
		{name: "spaces around keys", raw: " " + base64.StdEncoding.EncodeToString(k2) + " , " + base64.StdEncoding.EncodeToString(k1), want: [][]byte{k2, k1}},
		{name: "short key", raw: base64.StdEncoding.EncodeToString(k1) + "," + short, wantErr: "key 2 of 2"},
		{name: "not base64", raw: "not*base64*at*all", wantErr: "key 1 of 1"},
		{name: "empty entry", raw: base64.StdEncoding.EncodeToString(k1) + ",", wantErr: "key 2 of 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseSessionKeys(tt.raw)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("got no error, want one naming %q", tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %q, want it to name %q", err, tt.wantErr)
				}
				for _, part := range strings.Split(tt.raw, ",") {
					if p := strings.TrimSpace(part); p != "" && strings.Contains(err.Error(), p) {
						t.Errorf("error %q shows a key", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d keys, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if !bytes.Equal(got[i], tt.want[i]) {
					t.Errorf("key %d: got %x, want %x", i+1, got[i], tt.want[i])
				}
			}
		})
	}
}
