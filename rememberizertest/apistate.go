package rememberizertest

import "fmt"

// apiState is what the API endpoints keep beyond the OAuth state. The
// server's mutex guards it.
type apiState struct {
	corpora     map[string]*corpus // by user id
	keys        map[string]string  // API key → user id
	faults      map[string][]Fault // by endpoint pattern
	calls       map[string]int     // by endpoint pattern
	nextDocID   int
	nextMemento int
	// vectorStores are by id, storeOrder their ids in creation order,
	// storeKeys the vector store API keys (key → store id).
	vectorStores map[string]*vectorStore
	storeOrder   []string
	storeKeys    map[string]string
	nextStore    int
	// directGrants are the grants of IssueAccessToken.
	directGrants []*grant
}

// corpus is one user's knowledge.
type corpus struct {
	docs     []Document
	mementos []Memento // created through the API, beyond Config.Mementos
	// renamed and deleted record what the user did to the configured
	// mementos, which every user shares.
	renamed map[int]string
	deleted map[int]bool
}

// apiState returns the server's API state, creating it on first use. The
// caller holds s.mu.
func (s *Server) apiState() *apiState {
	if s.api == nil {
		s.api = &apiState{
			corpora:      map[string]*corpus{},
			keys:         map[string]string{},
			faults:       map[string][]Fault{},
			calls:        map[string]int{},
			nextDocID:    10001,
			nextMemento:  1001,
			vectorStores: map[string]*vectorStore{},
			storeKeys:    map[string]string{},
			nextStore:    1,
		}
	}
	return s.api
}

// corpusOf returns the user's knowledge, copying Config.Documents on first
// use. The caller holds s.mu.
func (s *Server) corpusOf(userID string) *corpus {
	st := s.apiState()
	c, ok := st.corpora[userID]
	if !ok {
		c = &corpus{docs: copyDocuments(s.cfg.Documents)}
		st.corpora[userID] = c
	}
	return c
}

// countAPICall counts a request to an endpoint and pops its next fault.
// The caller holds s.mu.
func (s *Server) countAPICall(pattern string) (Fault, bool) {
	if pattern == AccountPath {
		s.accountCalls++
		return popFault(&s.acctFaults)
	}
	st := s.apiState()
	st.calls[pattern]++
	q := st.faults[pattern]
	f, ok := popFault(&q)
	st.faults[pattern] = q
	return f, ok
}

// FailNext makes the next request to the API endpoint with this path
// (one of the *Path constants, such as [SearchPath] or [ContentsPath])
// get f instead of normal processing. The request still counts in
// [Server.Calls]. Faults queue: calling it twice fails the next two
// requests. For [AccountPath] it is [Server.FailNextAccount]. It returns
// an error for a path the fake does not serve.
func (s *Server) FailNext(path string, f Fault) error {
	if _, ok := apiEndpoints[path]; !ok && path != AccountPath && path != MementosPath {
		return fmt.Errorf("rememberizertest: no API endpoint %q", path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if path == AccountPath {
		s.acctFaults = append(s.acctFaults, cloneFault(f))
		return nil
	}
	st := s.apiState()
	st.faults[path] = append(st.faults[path], cloneFault(f))
	return nil
}

// Calls returns how many requests reached the API endpoint with this path
// (one of the *Path constants), whatever their outcome. A request for a
// path without its trailing slash, answered with a redirect, is not
// counted.
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if path == AccountPath {
		return s.accountCalls
	}
	return s.apiState().calls[path]
}

// IssueAPIKey returns a new API key that authenticates API requests, sent
// in the x-api-key header, as the given user. It sees all of the user's
// mementos. It returns an error if no configured user has that id.
func (s *Server) IssueAPIKey(userID string) (string, error) {
	if _, ok := s.user(userID); !ok {
		return "", fmt.Errorf("rememberizertest: unknown user %q", userID)
	}
	key := "rk-" + randomString(24)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiState().keys[key] = userID
	return key, nil
}

// RevokeAPIKey makes key stop working.
func (s *Server) RevokeAPIKey(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.apiState().keys, key)
}
