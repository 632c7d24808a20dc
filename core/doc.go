// Package core signs users in with Rememberizer (OAuth 2.0 authorization
// code grant with PKCE) and keeps their sessions, for any Go web framework.
//
// Adapters (packages nethttp, ginmw, fibermw) mount three routes and a
// middleware on top of a [Client]:
//
//	c, err := core.New(core.Config{
//		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
//		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
//		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
//		SessionKeys:  [][]byte{key}, // 32 bytes from crypto/rand
//	})
//	mux := http.NewServeMux()
//	nethttp.Mount(mux, c)
//	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(dashboard))
//	// in dashboard: user, _ := core.UserFrom(r.Context())
//
// The flow:
//   - [Client.Login] makes a state and a PKCE verifier, keeps them with the
//     return-to in a sealed pending-login record bound to this browser, and
//     returns Rememberizer's authorize URL.
//   - [Client.Callback] checks the state against that record (once, in
//     constant time, within [Config.LoginTTL]), exchanges the code with the
//     verifier, fetches the account, and starts a new session.
//   - [Client.Authenticate] loads the session for RequireRememberizer,
//     enforces its lifetime and idle timeout, and refreshes the access
//     token shortly before it expires, once per session at a time.
//   - [Client.Logout] ends the session.
//   - [Client.HTTPClient] calls the Rememberizer API as the signed-in user.
//
// Sessions and pending logins are encoded compactly, sealed with
// AES-256-GCM under [Config.SessionKeys] (bound to their cookie name), and
// kept by a [Store]: by default [CookieStore], in the browser; or
// [MemoryStore] and the stores of package sessionstore, on the server.
//
// Core imports no web framework: adapters implement the small [Request]
// view and write back what core decides, including error statuses
// ([StatusFor]) and replies ([Client.ErrorReply], [Client.SignInReply]).
package core
