// Package adaptertest is the behaviour suite every adapter (nethttp, ginmw,
// fibermw) runs: the same scenarios, through a real listener and a
// cookie-jar browser, against the fake Rememberizer, so the three behave
// identically down to status codes and cookie attributes.
//
// An adapter's test supplies a [Serve] function that serves the standard
// app described at [Serve] on a listener; [Run] does the rest.
package adaptertest
