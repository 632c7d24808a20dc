package consumertest

import (
	"testing"

	"github.com/rzauth/rememberizer-go/fiber3mw/fiber3test"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

func TestFiber3(t *testing.T) {
	app := fiber3test.Start(t, NewFiber3App)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
}

func TestEcho5(t *testing.T) {
	app := apptest.Start(t, NewEcho5App)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
}

func TestEcho4(t *testing.T) {
	app := apptest.Start(t, NewEcho4App)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
}
