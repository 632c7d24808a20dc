package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/rzauth/rememberizer-go/core/event"
)

// healthKey is the key Check reads from each store: no record has it, so
// a store that answers reports a miss.
const healthKey = "health:check"

// Check is [Client.Check].
func (c *client) Check(ctx context.Context) error {
	var errs []error
	for _, s := range []struct {
		role  event.Role
		store Store
	}{{event.Session, c.store}, {event.Grant, c.grants}} {
		if s.store == nil {
			continue
		}
		if _, _, err := s.store.Find(ctx, healthKey); err != nil {
			errs = append(errs, c.storeFailed(ctx, s.role, event.Find, "health check", err))
		}
	}
	if c.cfg.CheckRememberizer {
		if err := c.checkRememberizer(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkRememberizer asks Rememberizer's token endpoint for nothing: any
// answer but a server error means it can be reached.
func (c *client) checkRememberizer(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.TokenURL, nil)
	if err != nil {
		return fmt.Errorf("%w: Rememberizer: %w", ErrRefreshUnavailable, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: Rememberizer could not be reached: %w", ErrRefreshUnavailable, err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		return fmt.Errorf("%w: Rememberizer answered %d", ErrRefreshUnavailable, resp.StatusCode)
	}
	return nil
}
