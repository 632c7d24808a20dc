package main

import (
	"testing"

	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
	"github.com/rzauth/rememberizer-go/internal/redistest"
)

// TestDemo signs in on the fake consent page (approving, then denying)
// and checks the public routes, as for every example app.
func TestDemo(t *testing.T) {
	demowalk.Run(t, config, build)
}

// TestDemoRedis is the same with REDIS_URL set: sessions live in a real
// Redis.
func TestDemoRedis(t *testing.T) {
	demowalk.RunRedis(t, config, build, redistest.Start(t).URL())
}

func TestListMementosSignedOut(t *testing.T) {
	t.Parallel()
	demowalk.MementosSignedOut(t, listMementos)
}
