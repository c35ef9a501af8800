package keystore_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/consensys/gnark"

	"sable/circuits/keystore"
)

// The pinned versions name key directories; they must be the versions go.mod makes every build
// link (the circuits module here, and the native library that embeds it).
func TestPinnedVersionsMatchGoMod(t *testing.T) {
	if "v"+gnark.Version.String() != keystore.GnarkVersion {
		t.Fatalf("gnark says it is v%s, keystore pins %s", gnark.Version, keystore.GnarkVersion)
	}
	for _, mod := range []string{"../go.mod", "../../native/go.mod"} {
		data, err := os.ReadFile(mod)
		if err != nil {
			t.Fatal(err)
		}
		for module, want := range map[string]string{"github.com/consensys/gnark": keystore.GnarkVersion,
			"github.com/consensys/gnark-crypto": keystore.GnarkCryptoVersion} {
			m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(module) + ` (v\S+)`).FindSubmatch(data)
			if m == nil || string(m[1]) != want {
				t.Fatalf("%s requires %s %s, keystore pins %s", mod, module, m, want)
			}
		}
	}
}
