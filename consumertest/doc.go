// Package consumertest is a module of its own that uses
// rememberizer-go as an app would, through its exported API only: a small
// app on each of net/http (also on a chi router, with a sub-router and a
// mounted router), Gin, Fiber v2 and v3, Echo v5 and v4, and a test that
// signs in to each with the test helpers, in a few lines per framework.
package consumertest
