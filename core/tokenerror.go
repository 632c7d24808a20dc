package core

import (
	"context"
	"errors"
	"fmt"
	"net"

	"golang.org/x/oauth2"
)

// tokenError turns an error from the token endpoint into one that is safe
// to log and show. An [oauth2.RetrieveError]'s text can echo the request,
// so it is never kept: only its OAuth error code and HTTP status are.
// Other failures keep only their class (see failureCause), or say the
// answer was not a token.
func tokenError(err error, stage string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		if re.ErrorCode != "" {
			return &ProviderError{Code: errorCode(re.ErrorCode), Status: status, Stage: stage}
		}
		return fmt.Errorf("%w: %s: HTTP %d", errTokenEndpoint, stage, status)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %s: %w", errTokenEndpoint, stage, context.Canceled)
	}
	if isTimeout(err) || isTransportError(err) {
		return fmt.Errorf("%w: %s: %s", errTokenEndpoint, stage, failureCause(err))
	}
	return fmt.Errorf("%w: %s: answer is not a token", errTokenEndpoint, stage)
}

// isTimeout reports whether err is a deadline or network timeout.
func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// transient reports whether a refresh failure may pass by itself: the
// session is kept. invalid_grant and invalid_client are final.
func transient(err error) bool {
	var pe *ProviderError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "invalid_grant", "invalid_client", "unauthorized_client":
			return false
		}
	}
	return true
}
