package rememberizertest

import "fmt"

// IssueAccessToken returns a new bearer access token for the given user,
// as if the user had signed in to the configured client and shared every
// configured memento, without going through the authorize and token
// endpoints. It lives [Config.TokenLifetime] and comes with no refresh
// token, and is revoked by [Server.Disconnect] like any other. Tests of API clients use it to skip the sign-in. It returns an
// error if no configured user has that id.
func (s *Server) IssueAccessToken(userID string) (string, error) {
	if _, ok := s.user(userID); !ok {
		return "", fmt.Errorf("rememberizertest: unknown user %q", userID)
	}
	ids := make([]int, len(s.cfg.Mementos))
	for i, m := range s.cfg.Mementos {
		ids[i] = m.ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := &grant{userID: userID, clientID: s.cfg.ClientID, mementoIDs: ids}
	st := s.apiState()
	st.directGrants = append(st.directGrants, g) // Disconnect revokes them too
	return s.issueAccess(g), nil
}
