// Package adaptertest is the behaviour suite every adapter (nethttp, ginmw,
// fibermw) runs: the same scenarios, through a real listener and a
// cookie-jar browser, against the fake Rememberizer, so the three behave
// identically down to status codes and cookie attributes.
//
// Every scenario runs under every store configuration of [StoreSetups]
// (the sealed cookie, session stores, grant stores, the gorilla bridge),
// as the subtest configuration/scenario: what the middleware promises
// holds in each (SECURITY.md S28). Where a promise shows differently in
// one, such as whether a refresh sends the session cookie again, the
// scenario reads [Env.Setup]; a scenario that cannot apply to a
// configuration skips it, saying why.
//
// An adapter's test supplies a [Serve] function that serves the standard
// app described at [Serve] on a listener; [Run] does the rest.
package adaptertest
