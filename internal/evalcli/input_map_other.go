//go:build !linux

package evalcli

import "os"

// mapWhole is mapWhole of input_map_linux.go where files are not mapped:
// readWhole reads them.
func mapWhole(*os.File, int64, int64) ([]byte, bool) { return nil, false }
