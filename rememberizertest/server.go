package rememberizertest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"
)

// Paths of the endpoints the fake serves, identical to the real service's.
const (
	// AuthorizePath is the path of the authorization endpoint.
	AuthorizePath = "/api/v1/auth/oauth2/authorize/"
	// TokenPath is the path of the token endpoint.
	TokenPath = "/api/v1/auth/oauth2/token/"
	// AccountPath is the path of the signed-in account endpoint.
	AccountPath = "/api/v1/account/"
	// MementosPath is the path of the mementos list endpoint.
	MementosPath = "/api/v1/mementos/"
)

// Server is a fake Rememberizer provider listening on a loopback address.
// All its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the form http://127.0.0.1:34567, with no
	// trailing slash. It is empty until the server is started.
	URL string

	cfg       Config
	ts        *httptest.Server
	handler   http.Handler
	closing   chan struct{}
	closeOnce sync.Once

	mu          sync.Mutex
	currentUser string
	codes       map[string]*authCode
	access      map[string]*accessToken
	refresh     map[string]*grant
	rotatedOut  map[string]*grant // refresh tokens replaced by rotation (DetectReuse)
	grants      []*grant          // in issue order
	tokenFaults []Fault
	acctFaults  []Fault
	lastToken   url.Values
	api         *apiState // created on first use by apiState

	tokenCalls      int
	codesExchanged  int
	refreshes       int
	reuseDetections int
	refreshCalls    int
	accountCalls    int
}

// NewServer starts and returns a new [Server] configured by cfg. The caller
// should call [Server.Close] when finished. Like httptest.NewServer, it
// panics only if it cannot listen.
func NewServer(cfg Config) *Server {
	s := NewUnstartedServer(cfg)
	s.Start()
	return s
}

// NewUnstartedServer returns a new [Server] that listens but does not serve
// yet. Call [Server.Start] to serve. Like httptest.NewUnstartedServer, it
// panics only if it cannot listen.
func NewUnstartedServer(cfg Config) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:         cfg,
		closing:     make(chan struct{}),
		currentUser: cfg.Users[0].ID,
		codes:       make(map[string]*authCode),
		access:      make(map[string]*accessToken),
		refresh:     make(map[string]*grant),
		rotatedOut:  make(map[string]*grant),
	}
	s.handler = s.routes()
	s.ts = httptest.NewUnstartedServer(s.handler)
	if cfg.Addr != "" {
		l, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			panic(fmt.Sprintf("rememberizertest: failed to listen on %s: %v", cfg.Addr, err))
		}
		s.ts.Listener.Close()
		s.ts.Listener = l
	}
	return s
}

// Start starts a server from [NewUnstartedServer] and sets [Server.URL].
func (s *Server) Start() {
	s.ts.Start()
	s.URL = s.ts.URL
}

// Close shuts the server down, cutting short any fault delay in progress,
// and blocks until all outstanding requests have completed.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	s.ts.Close()
}

// Client returns an HTTP client configured for requests to the server, as
// httptest.Server.Client does. It follows redirects.
func (s *Server) Client() *http.Client {
	return s.ts.Client()
}

// ClientID returns the client id the server accepts.
func (s *Server) ClientID() string { return s.cfg.ClientID }

// ClientSecret returns the client secret the server accepts.
func (s *Server) ClientSecret() string { return s.cfg.ClientSecret }

// AuthorizeURL returns the authorization endpoint's URL.
func (s *Server) AuthorizeURL() string { return s.URL + AuthorizePath }

// TokenURL returns the token endpoint's URL.
func (s *Server) TokenURL() string { return s.URL + TokenPath }

// AccountURL returns the signed-in account endpoint's URL.
func (s *Server) AccountURL() string { return s.URL + AccountPath }

// MementosURL returns the mementos list endpoint's URL.
func (s *Server) MementosURL() string { return s.URL + MementosPath }

// Handler returns the whole fake as an [http.Handler], for mounting in
// another server. It expects the real service's paths, unprefixed.
func (s *Server) Handler() http.Handler { return s.handler }

// SetUser chooses which configured user the next authorizations sign in as:
// at once without a consent page, or as the preselected user on it. It
// returns an error if no configured user has that id.
func (s *Server) SetUser(id string) error {
	if _, ok := s.user(id); !ok {
		return fmt.Errorf("rememberizertest: unknown user %q", id)
	}
	s.mu.Lock()
	s.currentUser = id
	s.mu.Unlock()
	return nil
}

// routes builds the handler that dispatches on exact paths.
func (s *Server) routes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case AuthorizePath:
			s.handleAuthorize(w, r)
		case TokenPath:
			s.handleToken(w, r)
		case AccountPath:
			s.handleAccount(w, r)
		case MementosPath:
			s.handleMementos(w, r)
		default:
			s.routeAPI(w, r)
		}
	})
}

// user returns the configured user with the given id.
func (s *Server) user(id string) (User, bool) {
	for _, u := range s.cfg.Users {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

// now returns the configured clock's time.
func (s *Server) now() time.Time { return s.cfg.Now() }

// sleep waits for d, or until the request's client goes away, and reports
// whether the full delay elapsed. If the server closes first, it aborts the
// request with [http.ErrAbortHandler], so the client sees a broken
// connection rather than an empty answer.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closing:
		panic(http.ErrAbortHandler)
	}
}
