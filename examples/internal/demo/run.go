package demo

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
)

// Build makes an example app from its settings: the core.Config a real
// app writes, core.New, and the app's routes, ready to serve.
type Build func(env *Env) (Server, error)

// Start reads the settings ([Load]) and builds the app with build. Only
// once build has accepted them (core.New checks every setting) does it
// say what they mean: a warning on stderr when the session key is random
// for this process, and one line on stdout in demo mode naming the fake
// Rememberizer and the URL to open. When it fails it prints nothing and
// has closed what it opened; else the caller must call [Env.Close].
func Start(stdout, stderr io.Writer, build Build) (*Env, Server, error) {
	env, err := Load(stderr)
	if err != nil {
		return nil, nil, err
	}
	serve, err := build(env)
	if err != nil {
		env.Close()
		return nil, nil, err
	}
	env.announce(stdout, stderr)
	return env, serve, nil
}

// Run runs an example app: [Start], then serve on the settings' address
// until SIGINT or SIGTERM. On error it prints the error on stderr and
// exits with status 1.
func Run(build Build) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Stderr, build)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// run is [Run] until ctx is done, printing to stdout and stderr.
func run(ctx context.Context, stdout, stderr io.Writer, build Build) error {
	env, serve, err := Start(stdout, stderr, build)
	if err != nil {
		return err
	}
	defer env.Close()
	ln, err := net.Listen("tcp", env.Addr)
	if err != nil {
		return err
	}
	return serve(ctx, ln, env.Logger)
}
