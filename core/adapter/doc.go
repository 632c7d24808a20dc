// Package adapter holds core's two seams for the authors of plumbing:
// the adapter seam, between core and a web framework, for the authors of
// framework adapters (nethttp, ginmw, fibermw and adapters in other
// modules); and the store-author seam, the optional capabilities of a
// core.Store beyond its three methods: [MultiFinder] (several keys in one
// round trip), [GrantLister] (the grants a grant store holds, for
// core.Client.GrantHolders) and [BrowserStore] (values kept with the
// browser's request, as the gorilla/sessions bridge does). Apps never
// import it: they use an adapter's Mount, RequireRememberizer and
// OptionalRememberizer, and a store's constructor.
//
// An adapter implements [Request] on its framework's request and response,
// gets the [Engine] of a core.Client with its Adapter method, and for each
// request calls one Engine operation and does what the [Outcome] says:
//
//	eng := client.Adapter()
//	o := eng.Require(req, adapter.Hooks{Unauthorized: conf.UnauthorizedHandler != nil, Error: conf.ErrorHandler != nil})
//	switch {
//	case o.Scope != nil:
//		serve(o.Scope) // the handlers with o.Scope.Context, then o.Scope.End
//	case o.Hook == adapter.UnauthorizedHook:
//		conf.UnauthorizedHandler(w, r, o.Err)
//	case o.Hook == adapter.ErrorHook:
//		conf.ErrorHandler(w, r, o.Err)
//	default:
//		adapter.WriteHTTP(w, o.Reply)
//	}
//
// This package's example is a whole minimal adapter for net/http; package
// nethttp is the complete one.
//
// Every decision (signed out or failed, redirect or 401, which status and
// page) is core's; an adapter only translates. The public behaviour suite
// (core/adaptertest) checks an adapter end to end.
package adapter
