package tfplan

import (
	"errors"
	"testing"
)

// TestLoadBytesRefusesTrailingData: loadBytes decodes with tfjson's
// Decoder directly (issue 8), which stops after the first value; data
// after it is still refused, located, as json.Unmarshal refused it.
func TestLoadBytesRefusesTrailingData(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]string{
		"plan":        `{"format_version":"1.2","resource_changes":[]} {"x":1}`,
		"plan-junk":   `{"format_version":"1.2","resource_changes":[]} x`,
		"state-show":  `{"format_version":"1.0","values":{"root_module":{}}} x`,
		"plan-nested": `{"format_version":"1.2","configuration":{"root_module":{}}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadBytes("p.json", []byte(doc))
			var le *LoadError
			if !errors.Is(err, ErrInvalidJSON) || !errors.As(err, &le) || le.Offset < 0 {
				t.Fatalf("LoadBytes(%q) = %v, want a located ErrInvalidJSON", doc, err)
			}
		})
	}
}
