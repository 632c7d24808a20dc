package adapter

// Reply is a response core decided on, for an adapter to write as it is:
// the status, a Location for redirects, and a body of the given type.
// Core has already set the other headers it needs on the [Request].
type Reply struct {
	// Status is the HTTP status code.
	Status int
	// Location is where a redirect goes, or "".
	Location string
	// ContentType is the type of Body, or "" when there is none.
	ContentType string
	// Body is the response body, or "".
	Body string
}
