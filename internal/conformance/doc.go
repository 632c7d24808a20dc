// Package conformance runs the behaviour suite, [adaptertest], on every
// adapter of this repository (net/http and Gin over HTTP/1.1 and HTTP/2,
// Fiber) under every store configuration: the suite's built-in ones and
// those on other modules' stores, which the suite cannot import (a Redis
// session store, Redis for sessions and grants, the gorilla/sessions
// bridge). It is a module of its own so that bringing them all together
// adds no dependency to any published module; it holds tests only and is
// never published.
//
// The drivers of Gin and Fiber are here, and net/http's is
// adaptertest.ServeNetHTTP: the adapters' own modules test what is
// particular to their framework, and every scenario meets every store
// here. Fiber's test of an API client kept past its response, on
// Redis stores, is here too, for the same reason.
//
// [adaptertest]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core/adaptertest
package conformance
