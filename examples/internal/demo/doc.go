// Package demo is what the example apps in examples/ share and what a
// real app would not copy: reading their settings from the environment
// (with a local fake Rememberizer when no client id is set), serving until
// a signal, rendering their pages, and the search and memorize forms. It
// imports no web framework, so the net/http, Gin and Fiber examples serve
// the same pages and differ only in their wiring.
//
// Each example's main.go holds the lines an app writes itself: the
// core.Config, core.New, the adapter's Mount and middleware, and a call to
// the API with package rememberizer. demo runs it:
//
//	func main() { demo.Run(build) }
//
//	func build(env *demo.Env) (demo.Server, error) {
//		c, err := core.New(config(env)) // config writes env's values into a core.Config
//		if err != nil {
//			return nil, err
//		}
//		return demo.HTTPServer(newHandler(c)), nil
//	}
//
// Pages are written to an io.Writer, and headers are set through a
// func(name, value string), which http.Header.Set, gin.Context.Header and
// fiber.Ctx.Set all are.
package demo
