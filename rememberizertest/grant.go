package rememberizertest

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// authCode is an issued authorization code and everything it is bound to.
type authCode struct {
	clientID    string
	redirectURI string
	userID      string
	scope       string
	challenge   string // S256 code challenge, "" without PKCE
	mementoIDs  []int
	expires     time.Time
	used        bool
	grant       *grant // tokens issued from this code, nil until exchanged
}

// grant is one chain of tokens: the access tokens and the current refresh
// token that descend from one authorization code.
type grant struct {
	userID     string
	clientID   string
	scope      string
	mementoIDs []int
	refresh    string   // the live refresh token, "" if none
	access     []string // access tokens issued in this chain
	revoked    bool
}

// accessToken is an issued access token.
type accessToken struct {
	grant   *grant
	expires time.Time
	expired bool // forced by ExpireAccessTokens
}

// randomString returns n random bytes encoded as unpadded base64url.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never returns an error; it crashes the program instead
	return base64.RawURLEncoding.EncodeToString(b)
}

// newCode returns a fresh authorization code: 32 random bytes, base64url.
func newCode() string { return randomString(32) }

// newToken returns a fresh 40-character URL-safe opaque token.
func newToken() string { return randomString(30) }

// issueCode records a new authorization code. The caller holds no lock.
func (s *Server) issueCode(req authRequest, userID string, mementoIDs []int) string {
	code := newCode()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = &authCode{
		clientID:    req.clientID,
		redirectURI: req.redirectURI,
		userID:      userID,
		scope:       req.scope,
		challenge:   req.challenge,
		mementoIDs:  mementoIDs,
		expires:     s.now().Add(s.cfg.CodeLifetime),
	}
	return code
}

// issueAccess adds a new access token to g. The caller holds s.mu.
func (s *Server) issueAccess(g *grant) string {
	tok := newToken()
	s.access[tok] = &accessToken{grant: g, expires: s.now().Add(s.cfg.TokenLifetime)}
	g.access = append(g.access, tok)
	return tok
}

// rotateRefresh replaces g's refresh token with a new one; the old one stops
// working at once. The caller holds s.mu.
func (s *Server) rotateRefresh(g *grant) string {
	if g.refresh != "" {
		delete(s.refresh, g.refresh)
		if s.cfg.DetectReuse {
			s.rotatedOut[g.refresh] = g
		}
	}
	tok := newToken()
	s.refresh[tok] = g
	g.refresh = tok
	return tok
}

// revoke kills every token of g. The caller holds s.mu.
func (s *Server) revoke(g *grant) {
	g.revoked = true
	if g.refresh != "" {
		delete(s.refresh, g.refresh)
		g.refresh = ""
	}
	for _, tok := range g.access {
		delete(s.access, tok)
	}
	g.access = nil
}

// liveAccess returns the grant of a live, unexpired access token. The caller
// holds s.mu.
func (s *Server) liveAccess(tok string) (*grant, bool) {
	t, ok := s.access[tok]
	if !ok || t.expired || t.grant.revoked || !s.now().Before(t.expires) {
		return nil, false
	}
	return t.grant, true
}
