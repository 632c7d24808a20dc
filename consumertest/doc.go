// Package consumertest is a module of its own that uses
// rememberizer-go as an app would, through its exported API only: a small
// app on each of net/http, Gin and Fiber, and a test that signs in to
// each with the test helpers, in a few lines per framework.
package consumertest
