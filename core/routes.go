package core

// ServeAuth runs the auth route that req addresses — login, callback or
// logout, whatever the method (each checks its own) — and returns the
// redirect to write: 302 to Rememberizer after login, 303 after the
// callback and logout. It returns [ErrUnknownRoute] for any other path.
// Errors go to the adapter's error handler, by default [Client.ErrorReply].
func (c *Client) ServeAuth(req Request) (Reply, error) {
	var (
		loc    string
		err    error
		status int
	)
	switch uriPath(req.URI()) {
	case c.LoginPath():
		loc, err = c.Login(req)
		status = 302
	case c.CallbackPath():
		loc, err = c.Callback(req)
		status = 303
	case c.LogoutPath():
		loc, err = c.Logout(req)
		status = 303
	default:
		return Reply{}, ErrUnknownRoute
	}
	if err != nil {
		return Reply{}, err
	}
	return Reply{Status: status, Location: loc}, nil
}
