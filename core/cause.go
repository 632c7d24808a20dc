package core

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"
	"syscall"
)

// failureCause names the class of a failed call to Rememberizer for the
// operator reading the log: "connection refused", "DNS lookup failed",
// "timeout", "TLS certificate not trusted", "TLS handshake failed",
// "connection reset", "connection closed early", "cancelled" or, when
// nothing more is known, "network error". It never returns the error's
// own text, which can carry a URL with a query.
func failureCause(err error) string {
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		record  tls.RecordHeaderError
		alert   tls.AlertError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &dnsErr):
		return "DNS lookup failed"
	case isTimeout(err):
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
		return "TLS certificate not trusted"
	case errors.As(err, &record), errors.As(err, &alert):
		return "TLS handshake failed"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed early"
	}
	return "network error"
}

// isTransportError reports whether err came from sending the request
// (no answer was read), as opposed to an answer that could not be used.
func isTransportError(err error) bool {
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne)
}
