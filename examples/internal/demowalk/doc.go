// Package demowalk walks an example app in demo mode the way a person does
// in a browser: open the home page, ask for the dashboard, approve (or
// deny) on the fake Rememberizer's consent page, land signed in, search,
// memorize a note, call the JSON endpoint, sign out. Each example's tests
// run the same walks against the app its main runs, so the net/http, Gin
// and Fiber apps are held to the same behaviour:
//
//	func TestDemo(t *testing.T) {
//		demowalk.Run(t, config, run)
//	}
//
// [Startup] checks each app's start-up the same way: what it prints (as
// README.md says), and that settings it refuses print nothing. The package
// also holds what those tests share beyond: a client nobody signs in to
// ([Client]) and a check that an API call needs a signed-in user
// ([MementosSignedOut]).
package demowalk
