// Package demo is what the example apps in examples/ share: reading their
// settings from the environment (with a local fake Rememberizer when no
// client id is set), rendering their pages, and calling the Rememberizer
// API. It imports no web framework, so the net/http, Gin and Fiber
// examples serve the same pages and differ only in their wiring:
//
//	env, err := demo.Load(os.Stdout, os.Stderr)
//	if err != nil {
//		return err
//	}
//	defer env.Close()
//	c, err := core.New(env.Config)
//	...
//	// in a handler, after the middleware let the request through:
//	user, _ := core.UserFrom(ctx)
//	mementos, err := demo.FetchMementos(ctx, c)
//	demo.HTMLHeaders(w.Header().Set)
//	demo.Dashboard(w, user, mementos, err)
//
// Pages are written to an io.Writer, and headers are set through a
// func(name, value string), which http.Header.Set, gin.Context.Header and
// fiber.Ctx.Set all are.
package demo
