package demoenv

import "testing"

func TestListenAndPublic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, addr, public   string
		wantAddr, wantPublic string
		wantErr              string
	}{
		{name: "defaults", wantAddr: ":8080", wantPublic: "http://localhost:8080"},
		{name: "ADDR alone", addr: ":3000", wantAddr: ":3000", wantPublic: "http://localhost:3000"},
		{name: "ADDR with a host", addr: "127.0.0.1:3000", wantAddr: "127.0.0.1:3000", wantPublic: "http://localhost:3000"},
		{name: "PUBLIC_URL alone on this machine", public: "http://127.0.0.1:4000/", wantAddr: ":4000", wantPublic: "http://127.0.0.1:4000"},
		{name: "PUBLIC_URL alone elsewhere", public: "https://app.example.com", wantAddr: ":8080", wantPublic: "https://app.example.com"},
		{name: "proxy in front", addr: ":3000", public: "https://app.example.com", wantAddr: ":3000", wantPublic: "https://app.example.com"},
		{name: "both agree", addr: ":3000", public: "http://localhost:3000", wantAddr: ":3000", wantPublic: "http://localhost:3000"},
		{name: "ports differ", addr: ":3000", public: "http://localhost:8080",
			wantErr: `PUBLIC_URL http://localhost:8080 is on port 8080 but ADDR ":3000" listens on port 3000, so sign-in would come back to a port nothing serves; set PUBLIC_URL=http://localhost:3000 or ADDR=:8080`},
		{name: "default port differs", addr: "127.0.0.1:3000", public: "http://localhost",
			wantErr: `PUBLIC_URL http://localhost is on port 80 but ADDR "127.0.0.1:3000" listens on port 3000, so sign-in would come back to a port nothing serves; set PUBLIC_URL=http://localhost:3000 or ADDR=:80`},
		{name: "any free port", addr: ":0",
			wantErr: `ADDR ":0" picks any free port, so the app cannot know its URL; set PUBLIC_URL too, or give ADDR a port`},
		{name: "ADDR without a port", addr: "localhost",
			wantErr: `ADDR "localhost" must be host:port or :port, e.g. :8080`},
		{name: "PUBLIC_URL with a path", public: "https://app.example.com/app",
			wantErr: `PUBLIC_URL "https://app.example.com/app" must be an origin such as https://app.example.com (scheme and host, no path)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr, public, err := listenAndPublic(tt.addr, tt.public)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || addr != tt.wantAddr || public != tt.wantPublic {
				t.Errorf("got %q, %q, %v, want %q, %q", addr, public, err, tt.wantAddr, tt.wantPublic)
			}
		})
	}
}
