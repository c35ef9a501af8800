package keystore

// The gnark and gnark-crypto versions this module is built against. They enter circuit hashes (so
// key directory names) and manifests, so they are constants: reading them from the binary's build
// info gave an empty string in `go test` binaries and another directory than the node's for the
// same circuit. TestPinnedVersionsMatchGoMod fails when go.mod here or in native/ names others.
const (
	GnarkVersion       = "v0.16.3"
	GnarkCryptoVersion = "v0.21.0"
)

// LibraryVersions names the gnark and gnark-crypto versions linked in.
func LibraryVersions() string {
	return "github.com/consensys/gnark@" + GnarkVersion + " github.com/consensys/gnark-crypto@" + GnarkCryptoVersion
}
