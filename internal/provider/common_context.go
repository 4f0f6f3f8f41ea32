package provider

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// checkContextValues checks context values against their declared type, as
// IAM's simulator does for ContextKeyType.
func checkContextValues(typ string, values []string) error {
	if !isListContextType(typ) && len(values) != 1 {
		return fmt.Errorf("type %q takes exactly one value, got %d (use %q for several)", typ, len(values), typ+"List")
	}
	base := strings.TrimSuffix(typ, "List")
	for _, v := range values {
		if err := checkContextValue(base, v); err != nil {
			return fmt.Errorf("value %q: %w", v, err)
		}
	}
	return nil
}

func checkContextValue(base, v string) error {
	switch base {
	case contextString:
		return nil
	case contextNumeric:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return errors.New("not a number")
		}
	case contextBoolean:
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return errors.New("not true or false")
		}
	case contextIP:
		if net.ParseIP(v) == nil {
			if _, _, err := net.ParseCIDR(v); err != nil {
				return errors.New("not an IP address or CIDR block")
			}
		}
	case contextBinary:
		if _, err := base64.StdEncoding.DecodeString(v); err != nil {
			return errors.New("not base64")
		}
	case contextDate:
		if !isDate(v) {
			return errors.New("not a date (ISO 8601 such as 2025-01-31T12:00:00Z, or seconds since the epoch)")
		}
	default:
		return fmt.Errorf("unknown type %q (one of %s)", base, strings.Join(supportedContextTypes(), ", "))
	}
	return nil
}

var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"}

func isDate(v string) bool {
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return true
	}
	for _, l := range dateLayouts {
		if _, err := time.Parse(l, v); err == nil {
			return true
		}
	}
	return false
}
