// Package conformance runs the behaviour suite, [adaptertest], on every
// adapter of this repository (net/http and Gin over HTTP/1.1 and HTTP/2,
// Fiber) under every store configuration: the suite's built-in ones and
// those on other modules' stores, which the suite cannot import (a Redis
// session store, Redis for sessions and grants, the gorilla/sessions
// bridge). It is a module of its own so that bringing them all together
// adds no dependency to any published module; it holds tests only and is
// never published.
//
// Each adapter's own module runs the suite under the built-in
// configurations, as an adapter outside this repository would; the tests
// here are where every scenario meets every store.
//
// [adaptertest]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core/adaptertest
package conformance
