package fiber3mw

import (
	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
)

// ReadBufferSize is the fiber.Config.ReadBufferSize apps using this
// package should set, at least. Fiber's buffer (4096 bytes by default)
// bounds the whole request head, and the session and pending-login
// cookies may each take up to 4096 bytes: with the default, a browser
// with a session and a few sign-ins under way gets 431 Request Header
// Fields Too Large where net/http would serve it.
//
//	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
const ReadBufferSize = 16 << 10

// Mount registers the login, callback and logout routes of c on r, at
// c.LoginPath(), c.CallbackPath() and c.LogoutPath() (by default below
// /auth/rememberizer). r is the app, or a group without a prefix: the
// routes answer at exactly those paths. Login and callback take GET,
// logout takes POST; the routes accept every method and core answers
// other methods with 405, as with net/http.
//
// When r is a *fiber.App whose ReadBufferSize is below [ReadBufferSize],
// Mount logs a warning through c.Logger().
func Mount(r fiber.Router, c *core.Client, cfg ...Config) {
	if app, ok := r.(*fiber.App); ok && app.Config().ReadBufferSize < ReadBufferSize {
		c.Adapter().Logger().Warn("rememberizer: fiber.Config.ReadBufferSize is too small for the sign-in cookies; set it to fiber3mw.ReadBufferSize",
			"read_buffer_size", app.Config().ReadBufferSize, "want_at_least", ReadBufferSize)
	}
	h := Handler(c, cfg...)
	login, callback, logout := c.Adapter().Paths()
	r.All(login, h)
	r.All(callback, h)
	r.All(logout, h)
}

// Handler returns one handler serving the three auth routes of c, for
// apps that register routes another way. Other paths get 404. When
// Config.Next reports true for a request, the handler passes it on with
// c.Next() instead.
func Handler(c *core.Client, cfg ...Config) fiber.Handler {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	eng.Mounted()
	return handler(conf, func(ctx fiber.Ctx, q *request) error {
		return conf.refuse(ctx, eng.ServeAuth(q, hooks))
	})
}
