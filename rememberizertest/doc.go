// Package rememberizertest runs a fake Rememberizer OAuth 2.0 provider and a
// small slice of its API, in the spirit of net/http/httptest.
//
// It is meant for the library's own tests, for users' tests, and for demo
// apps where a person clicks through its consent page in a browser. It
// listens on a loopback address and keeps all state in memory.
//
// Usage:
//
//	srv := rememberizertest.NewServer(rememberizertest.Config{})
//	defer srv.Close()
//
//	cfg := oauth2.Config{
//		ClientID:     srv.ClientID(),
//		ClientSecret: srv.ClientSecret(),
//		RedirectURL:  "http://127.0.0.1:8080/callback", // the app's callback
//		Endpoint: oauth2.Endpoint{
//			AuthURL:   srv.AuthorizeURL(),
//			TokenURL:  srv.TokenURL(),
//			AuthStyle: oauth2.AuthStyleInParams,
//		},
//	}
//
// The flow it serves, at the real service's paths:
//
//  1. GET /api/v1/auth/oauth2/authorize/ validates the request and, by
//     default, approves at once as the current user (see [Server.SetUser]),
//     redirecting to redirect_uri with code and state. With
//     [Config.ConsentPage] it shows an HTML page with Approve and Deny
//     buttons instead.
//  2. POST /api/v1/auth/oauth2/token/ exchanges the code (client_secret_post
//     only, PKCE S256 checked when a challenge was sent) and refreshes
//     tokens, rotating refresh tokens unless [Config.DisableRotation] is set.
//     As on the real service, a refresh token is issued only when the scope
//     includes offline_access. With [Config.DetectReuse] a rotated-out
//     refresh token presented again revokes the whole grant, as strict
//     servers do ([Server.ReuseDetections] counts it).
//  3. The API endpoints (account, me, integrations, documents, search,
//     agentic and batch search, contents, discussions, memorize, uploads,
//     mementos and their documents, common knowledge, vector stores)
//     answer with a bearer access token or an x-api-key from
//     [Server.IssueAPIKey], over a small corpus per user; a vector
//     store's documents and search answer only its own key, from
//     [Server.IssueVectorStoreKey]. [Routes] lists them all;
//     [Server.FailNext] and [Server.Calls] work per endpoint.
//
// [StartLocal] runs the fake with its consent page for developing an app
// on this machine without registering it; [Server.SignIn] signs a cookie
// jar client in to an app under test, and package apptest wraps both for
// tests of your own app.
//
// Tests steer the fake with counters ([Server.TokenCalls],
// [Server.Refreshes], ...), one-shot faults ([Server.FailNextToken],
// [Server.FailNextAccount]) and revocation ([Server.Disconnect],
// [Server.ExpireAccessTokens]). Time comes from [Config.Now], so tests can
// expire codes and tokens without sleeping.
package rememberizertest
