package fiber3mw

import "github.com/gofiber/fiber/v3"

// handler is the fiber.Handler of each of this package's handlers and
// middlewares: when conf.Next reports true it passes the request on with
// c.Next(); otherwise it calls serve with the request's view for core.
func handler(conf Config, serve func(c fiber.Ctx, q *request) error) fiber.Handler {
	return func(c fiber.Ctx) error {
		if conf.Next != nil && conf.Next(c) {
			return c.Next()
		}
		return serve(c, newRequest(c))
	}
}
