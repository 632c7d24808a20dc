// Package demowalk walks an example app in demo mode the way a person does
// in a browser: open the home page, ask for the dashboard, approve (or
// deny) on the fake Rememberizer's consent page, land signed in, call the
// JSON endpoint, sign out. Each example's tests run the same walks against
// their own wiring, so the net/http, Gin and Fiber apps are held to the
// same behaviour:
//
//	func serve(t *testing.T, c *core.Client, env *demo.Env, ln net.Listener) {
//		srv := &http.Server{Handler: newHandler(c, env)}
//		go srv.Serve(ln)
//		t.Cleanup(func() { srv.Close() })
//	}
//
//	func TestDemo(t *testing.T) { demowalk.Run(t, config, serve) }
package demowalk
