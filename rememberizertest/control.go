package rememberizertest

import "net/url"

// count returns the counter n, one of s's fields, read under s.mu.
func (s *Server) count(n *int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *n
}

// TokenCalls returns how many requests reached the token endpoint, whatever
// their outcome.
func (s *Server) TokenCalls() int {
	return s.count(&s.tokenCalls)
}

// CodesExchanged returns how many authorization_code grants succeeded.
func (s *Server) CodesExchanged() int {
	return s.count(&s.codesExchanged)
}

// Refreshes returns how many refresh_token grants succeeded.
func (s *Server) Refreshes() int {
	return s.count(&s.refreshes)
}

// RefreshCalls returns how many token requests carried
// grant_type=refresh_token, successful or not (faulted ones included).
func (s *Server) RefreshCalls() int {
	return s.count(&s.refreshCalls)
}

// AccountCalls returns how many requests reached the account endpoint,
// whatever their outcome.
func (s *Server) AccountCalls() int {
	return s.count(&s.accountCalls)
}

// LastTokenRequest returns a copy of the form body of the most recent token
// request, or nil before the first one. A body that was not
// application/x-www-form-urlencoded is recorded as an empty form.
func (s *Server) LastTokenRequest() url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneValues(s.lastToken)
}

// Disconnect acts as if the user cut the app off in Rememberizer's UI: all
// of the user's access and refresh tokens stop working, so a refresh gets
// 400 invalid_grant and API calls get 401. Codes already issued but not yet
// exchanged are invalidated too.
func (s *Server) Disconnect(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.grants {
		if g.userID == userID {
			s.revoke(g)
		}
	}
	for _, g := range s.apiState().directGrants {
		if g.userID == userID {
			s.revoke(g)
		}
	}
	for code, c := range s.codes {
		if c.userID == userID && c.grant == nil {
			delete(s.codes, code)
		}
	}
}

// ExpireAccessTokens makes every access token issued so far expired, so API
// calls with them get 401. Refresh tokens stay valid and tokens issued later
// are unaffected.
func (s *Server) ExpireAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.access {
		t.expired = true
	}
}

// CurrentRefreshToken returns the live refresh token of the user's most
// recent grant (the chain started by their last code exchange), or "" if
// that grant has none or was revoked. Tests use it to check that a rotated
// refresh token was persisted.
func (s *Server) CurrentRefreshToken(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.grants) - 1; i >= 0; i-- {
		if g := s.grants[i]; g.userID == userID {
			return g.refresh
		}
	}
	return ""
}

// cloneValues returns a deep copy of v, nil for nil.
func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// ReuseDetections returns how many times a rotated-out refresh token was
// presented while [Config.DetectReuse] was on (each revoked a grant).
func (s *Server) ReuseDetections() int {
	return s.count(&s.reuseDetections)
}
