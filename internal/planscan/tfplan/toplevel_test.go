package tfplan

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestTopLevelValuesMatchesUnmarshal: checkShape's member scan reads a
// valid object as json.Unmarshal into a map of raw messages does.
func TestTopLevelValuesMatchesUnmarshal(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]string{
		"empty":      `{}`,
		"spaced":     " \n{ \"a\" : 1 , \"b\"\t:\r\n[1, {\"c\": \"]}\"}] }\n",
		"scalars":    `{"t":true,"f":false,"n":null,"x":-1.5e3,"s":"q\"}"}`,
		"duplicates": `{"errored":false,"errored":true}`,
		"escaped":    `{"config\u0075ration":{"root_module":{}},"a\\b":"\\"}`,
		"nested":     `{"planned_values":{"root_module":{"resources":[{"values":{"k":"{[\\\""}}]}},"z":{}}`,
		"non-ascii":  "{\"é\":1,\"\xff\":2}",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var want map[string]json.RawMessage
			if err := json.Unmarshal([]byte(doc), &want); err != nil {
				t.Fatal(err)
			}
			got := topLevelValues([]byte(doc))
			if len(got) != len(want) {
				t.Fatalf("topLevelValues(%q) = %q, want %q", doc, got, want)
			}
			for k, w := range want {
				if g, ok := got[k]; !ok || !bytes.Equal(bytes.TrimSpace(g), bytes.TrimSpace(w)) {
					t.Errorf("topLevelValues(%q)[%q] = %q, want %q", doc, k, g, w)
				}
			}
		})
	}
}
