package main

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

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
