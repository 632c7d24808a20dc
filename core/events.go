package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
)

// This file is where events are reported: to the log, one line for each
// (logEvent), and to [Config.OnEvent]. Every event is emitted through
// emit, once, where it happens.

// emit reports e: its log line, with err's text when there is one (the
// log is the only place that text goes), and the hook.
func (c *client) emit(ctx context.Context, e event.Event, err error) {
	c.logEvent(ctx, e, err)
	if c.cfg.OnEvent != nil {
		c.callHook(ctx, e)
	}
}

// callHook calls [Config.OnEvent], recovering a panic in it: the first is
// logged, later ones are not.
func (c *client) callHook(ctx context.Context, e event.Event) {
	defer func() {
		if recover() != nil && c.hookPanicked.CompareAndSwap(false, true) {
			c.log.LogAttrs(ctx, slog.LevelError, "rememberizer: Config.OnEvent panicked; the panic was recovered and later ones are not logged",
				slog.String("kind", e.Kind.String()))
		}
	}()
	c.cfg.OnEvent(ctx, e)
}

// logEvent writes e's log line.
func (c *client) logEvent(ctx context.Context, e event.Event, err error) {
	level, msg := eventLine(e)
	if !c.log.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 5)
	if e.UserID != "" {
		attrs = append(attrs, slog.String("user_id", e.UserID))
	}
	switch e.Kind {
	case event.SignInFailed:
		attrs = append(attrs, slog.String("reason", string(e.Reason)))
	case event.SessionEnded:
		attrs = append(attrs, slog.String("reason", string(e.Reason)))
	case event.Refreshed:
		attrs = append(attrs, slog.String("trigger", string(e.Trigger)), slog.String("result", string(e.Result)))
	case event.StoreFailed:
		attrs = append(attrs, slog.String("store", string(e.Store)), slog.String("op", string(e.Op)))
	}
	if e.Duration != 0 {
		attrs = append(attrs, slog.Duration("duration", e.Duration))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.log.LogAttrs(ctx, level, msg, attrs...)
}

// eventLine is the level and message of e's log line. The lines at Info
// and above are the library's log; the others are at Debug, for tracing.
func eventLine(e event.Event) (slog.Level, string) {
	switch e.Kind {
	case event.SignInStarted:
		return slog.LevelDebug, "rememberizer: sign-in started"
	case event.SignInSucceeded:
		return slog.LevelInfo, "rememberizer: signed in"
	case event.SignInFailed:
		// The failure itself is logged with the request's answer.
		return slog.LevelDebug, "rememberizer: sign-in failed"
	case event.Refreshed:
		switch e.Result {
		case event.OK:
			return slog.LevelInfo, "rememberizer: tokens refreshed"
		case event.Unavailable:
			return slog.LevelWarn, "rememberizer: refresh failed, tokens kept"
		case event.NotKept:
			return slog.LevelError, "rememberizer: refreshed tokens could not be kept"
		}
		// A refusal: the lines of what it ends follow.
		return slog.LevelDebug, "rememberizer: refresh refused"
	case event.LockWaited:
		return slog.LevelDebug, "rememberizer: refresh lock taken"
	case event.SessionEnded:
		switch e.Reason {
		case event.SignOut:
			return slog.LevelInfo, "rememberizer: signed out"
		case event.Revoked:
			return slog.LevelInfo, "rememberizer: refresh refused, the user's sessions end"
		case event.EndedEverywhere:
			return slog.LevelInfo, "rememberizer: sessions ended everywhere"
		}
		return slog.LevelDebug, "rememberizer: session expired"
	case event.GrantStored:
		return slog.LevelDebug, "rememberizer: grant stored"
	case event.GrantRevoked:
		return slog.LevelInfo, "rememberizer: refresh refused, grant deleted and the user's sessions end"
	case event.GrantDeleted:
		return slog.LevelInfo, "rememberizer: grant deleted and the user's sessions end"
	case event.StoreFailed:
		return slog.LevelError, "rememberizer: store failed"
	}
	return slog.LevelDebug, "rememberizer: event"
}

// storeFailed reports a failed store call and returns err wrapped in
// [ErrStore] with the store's role ("grant store") and what was done.
func (c *client) storeFailed(ctx context.Context, role event.Role, op event.Op, what string, err error) error {
	err = fmt.Errorf("%w: %s store: %s: %w", ErrStore, role, what, err)
	c.emit(ctx, event.Event{Kind: event.StoreFailed, Store: role, Op: op}, err)
	return err
}

// signInReason is why a callback failed, from its error.
func signInReason(err error) event.Reason {
	var pe *ProviderError
	switch {
	case errors.As(err, &pe) && pe.Stage == "callback":
		if pe.Code == "access_denied" {
			return event.Denied
		}
		return event.ProviderError
	case errors.Is(err, ErrStateMismatch):
		return event.StateMismatch
	case errors.Is(err, errNoPendingLogin):
		return event.NoPendingLogin
	case errors.Is(err, ErrLoginExpired):
		return event.Expired
	case errors.Is(err, errIssuerMismatch):
		return event.IssuerMismatch
	case errors.As(err, &pe), errors.Is(err, errTokenEndpoint):
		return event.TokenEndpoint
	case errors.Is(err, errAccountEndpoint):
		return event.AccountEndpoint
	case errors.Is(err, ErrStore), errors.Is(err, ErrStoreUnavailable):
		return event.StoreError
	case errors.Is(err, errInvalidCallback), errors.Is(err, errMissingCode), errors.Is(err, ErrMethodNotAllowed):
		return event.BadRequest
	}
	return event.Other
}

// sessionEndReason is why s, refused by [client.sessionAlive] at now with
// err, ended, or "" when no event is due: it ended before (signed out,
// ended everywhere), and that was reported then.
func (c *client) sessionEndReason(s *Session, now time.Time, err error) event.Reason {
	if !errors.Is(err, ErrSessionExpired) {
		return ""
	}
	if !now.Before(s.CreatedAt.Add(c.cfg.SessionLifetime)) || s.CreatedAt.After(now.Add(maxClockSkew)) {
		return event.Absolute
	}
	return event.Idle
}
