package main

import (
	"testing"

	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
)

// TestDemo signs in on the fake consent page (approving, then denying)
// and checks the public routes, as for every example app, with sessions
// in cookies and in Redis.
func TestDemo(t *testing.T) {
	demowalk.Run(t, config, run)
}

// TestStartup checks what the app prints when it starts, as for every
// example app.
func TestStartup(t *testing.T) {
	demowalk.Startup(t, run)
}

func TestListMementosSignedOut(t *testing.T) {
	t.Parallel()
	demowalk.MementosSignedOut(t, listMementos)
}
