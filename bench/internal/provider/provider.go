// Package provider answers Rememberizer's token and account endpoints
// inside the process, as an [http.RoundTripper]: no socket, no goroutine,
// so a benchmark of the sign-in callback or of a refresh measures the
// library's own CPU and allocations, not the loopback network.
//
// Every token response carries the same tokens, so that every session the
// benchmarks make holds the payload under comparison: an access token
// (opaque or JWT-like), a refresh token, an expiry and a user.
package provider

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Base is the fake Rememberizer's base URL. Nothing listens there: the
// [Provider] answers requests for it itself.
const Base = "http://127.0.0.1:1"

// User is the account every sign-in resolves to.
var User = struct{ ID, Email, Name string }{"42", "ada@example.com", "Ada Lovelace"}

// TokenLifetime is the expires_in of every token response.
const TokenLifetime = time.Hour

// Payload is one session's content, identical for this library and for
// the libraries it is compared with.
type Payload struct {
	// Name labels the payload in benchmark names.
	Name         string
	AccessToken  string
	RefreshToken string
}

// Payloads are the two sessions compared: a 40-character opaque access
// token, and a 900-byte JWT-like one; both with a 40-character refresh
// token.
var Payloads = []Payload{
	{Name: "opaque40", AccessToken: Opaque(40, 1), RefreshToken: Opaque(40, 2)},
	{Name: "jwt900", AccessToken: JWTLike(900), RefreshToken: Opaque(40, 2)},
}

// Opaque returns an n-character base64url string that looks random and is
// the same on every run for the same seed.
func Opaque(n int, seed byte) string {
	b := make([]byte, n)
	x := uint32(seed)*2654435761 + 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

// JWTLike returns an n-byte string shaped like a signed JWT:
// header.claims.signature, each base64url.
func JWTLike(n int) string {
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT","kid":"bench"}`))
	sig := Opaque(342, 3) // an RS256 signature is 256 bytes, 342 in base64url
	claims := Opaque(n-len(header)-len(sig)-2, 4)
	return header + "." + claims + "." + sig
}

// Provider is the in-process token and account endpoint for one payload.
type Provider struct {
	token   []byte
	account []byte
}

// New returns a Provider that issues p's tokens.
func New(p Payload) *Provider {
	tok, _ := json.Marshal(map[string]any{
		"access_token":  p.AccessToken,
		"token_type":    "Bearer",
		"expires_in":    int64(TokenLifetime / time.Second),
		"refresh_token": p.RefreshToken,
		"scope":         "offline_access",
	})
	id, _ := strconv.Atoi(User.ID)
	acct, _ := json.Marshal(map[string]any{"id": id, "email": User.Email, "name": User.Name})
	return &Provider{token: tok, account: acct}
}

// Client returns an *http.Client whose requests the Provider answers.
func (p *Provider) Client() *http.Client { return &http.Client{Transport: p} }

// RoundTrip answers POST .../token/ (any grant, any code) and
// GET .../account/ with a bearer token; anything else is 404.
func (p *Provider) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	switch {
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/token/"):
		return respond(r, http.StatusOK, p.token), nil
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/account/") &&
		strings.HasPrefix(r.Header.Get("Authorization"), "Bearer "):
		return respond(r, http.StatusOK, p.account), nil
	}
	return respond(r, http.StatusNotFound, []byte(`{"error":"not_found"}`)), nil
}

func respond(r *http.Request, status int, body []byte) *http.Response {
	return &http.Response{
		StatusCode:    status,
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}, "Cache-Control": {"no-store"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}
}
