// Package demoenv reads the settings of the example apps in examples/
// from the environment: the app's credentials, Rememberizer's base URL,
// the app's public URL and listen address, its session keys, and Redis for
// sessions. Without REMEMBERIZER_CLIENT_ID it starts demo mode: a local
// fake Rememberizer (rememberizertest.StartLocal) with a consent page and
// two demo users, so the apps run offline. [Load] lists every variable.
//
// An app of your own reads its settings its own way; what it copies from
// an example is the core.Config the example's main.go writes from an
// [Env], and the rest of main.go. The examples start like this:
//
//	env, err := demoenv.Load(os.Stderr)
//	if err != nil {
//		return err
//	}
//	defer env.Close()
//	c, err := core.New(config(env)) // config writes env's values into a core.Config
//	if err != nil {
//		return err
//	}
//	env.Announce(os.Stdout, os.Stderr) // demo mode, a random session key
package demoenv
