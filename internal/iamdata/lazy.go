package iamdata

import (
	"fmt"
	"strings"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

// The engine asks the reference data about the actions, resource types and
// condition keys of the services a policy or request names: a few of the
// 400-odd services. The embedded catalog therefore also keeps a lazy index
// (EngineCatalog's lookups use it): the string and list tables are decoded
// once and each service's entry only when a lookup first names the service.
// A lookup the named service cannot settle (a condition key defined by
// another service) falls back to the full index, so every answer is the
// full index's answer (TestLazyAgreesWithFull).

// lazyIndex is the service reference with services built on demand.
type lazyIndex struct {
	data     *format.LazyServices
	byPrefix map[string]int // lower-case prefix -> service number
	svcs     []lazyService
}

type lazyService struct {
	once sync.Once
	svc  *service
}

// decodeLazy gunzips the stream and locates its services.
func decodeLazy(gz []byte) (*lazyIndex, error) {
	raw, err := format.Gunzip(gz)
	if err != nil {
		return nil, fmt.Errorf("decode service reference: %w", err)
	}
	data, err := format.DecodeServicesLazy(raw)
	if err != nil {
		return nil, fmt.Errorf("decode service reference: %w", err)
	}
	l := &lazyIndex{data: data, byPrefix: make(map[string]int, data.Len()), svcs: make([]lazyService, data.Len())}
	for i := range data.Len() {
		lp := strings.ToLower(data.Prefix(i))
		if _, dup := l.byPrefix[lp]; dup {
			return nil, fmt.Errorf("service %s: listed twice", data.Prefix(i))
		}
		l.byPrefix[lp] = i
	}
	return l, nil
}

// engineService returns a service by lower-case prefix for the engine's
// lookups: from the full index when it is built already (same data), else
// from the lazy index.
func (c *Catalog) engineService(lp string) (*service, bool) {
	if c.full != nil {
		if full := c.full.Load(); full != nil {
			svc, ok := full.services[lp]
			return svc, ok
		}
	}
	return c.lazy().service(lp)
}

// service returns the built service of a lower-case prefix.
func (l *lazyIndex) service(lp string) (*service, bool) {
	i, ok := l.byPrefix[lp]
	if !ok {
		return nil, false
	}
	ls := &l.svcs[i]
	ls.once.Do(func() {
		fs, err := l.data.Service(i)
		if err == nil {
			ls.svc, err = buildService(&fs, make([]Action, len(fs.Actions)))
		}
		if err != nil {
			panic("iamdata: embedded data is corrupt: " + err.Error())
		}
	})
	return ls.svc, true
}

// engineAction finds an action by "service:Action" (AC-1, ASCII case),
// with its service.
func (e EngineCatalog) engineAction(name string) (*Action, *service, bool) {
	c := e.C
	if c.lazy == nil {
		a, ok := c.LookupAction(name)
		if !ok {
			return nil, nil, false
		}
		return a, c.services().services[strings.ToLower(a.Service)], true
	}
	prefix, _, ok := strings.Cut(name, ":")
	if !ok {
		return nil, nil, false
	}
	svc, ok := c.engineService(strings.ToLower(prefix))
	if !ok {
		return nil, nil, false
	}
	if svc.byName == nil {
		// A service of the full index: its actions are indexed there.
		a, ok := c.LookupAction(name)
		return a, svc, ok
	}
	var buf [maxActionLen]byte
	if len(name) > maxActionLen {
		a, ok := svc.byName[asciiLower(name)]
		return a, svc, ok
	}
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		b[i] = lowerByte(name[i])
	}
	a, ok := svc.byName[string(b)]
	return a, svc, ok
}

// engineServiceKnown is ServiceExists through the lazy index.
func (e EngineCatalog) engineServiceKnown(prefix string) bool {
	if e.C.lazy == nil {
		return e.C.ServiceExists(prefix)
	}
	if e.C.full != nil && e.C.full.Load() != nil {
		return e.C.ServiceExists(prefix)
	}
	_, ok := e.C.lazy().byPrefix[strings.ToLower(prefix)]
	return ok
}

// engineConditionKey is LookupConditionKey(key, "") answering from the
// global keys and the service the key's prefix names when they define it,
// and from the full index otherwise.
func (e EngineCatalog) engineConditionKey(key, action string) (ConditionKey, bool) {
	c := e.C
	if c.lazy == nil || action != "" {
		return c.LookupConditionKey(key, action)
	}
	lk := strings.ToLower(key)
	if k, ok := globalKeys().lookup(lk); ok {
		return k, true
	}
	if svc, ok := c.engineService(keyPrefix(lk)); ok {
		if k, ok := svc.lookupKey(lk); ok {
			return k, true
		}
	}
	return c.LookupConditionKey(key, "")
}

// asciiLower lower-cases ASCII letters only, as LookupAction does.
func asciiLower(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = lowerByte(b[i])
	}
	return string(b)
}
