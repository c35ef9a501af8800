package keystore

import "fmt"

// DamagedError says that a key directory exists but cannot be trusted: one line naming the
// directory, the file, what is wrong and what to do.
type DamagedError struct {
	Dir     string
	File    string
	Problem string
	Kind    string // the setup kind the manifest names, "" if it cannot be read
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("key set %s is damaged: %s: %s; %s", e.Dir, e.File, e.Problem, e.remedy())
}

func (e *DamagedError) remedy() string {
	switch e.Kind {
	case SetupDevelopment:
		return "delete the directory and a development setup makes a new set (`sable demo` does)"
	case SetupCeremony:
		return "these are ceremony keys, never replaced by a development setup: restore the directory " +
			"from a backup or seal the ceremony again (`sable ceremony seal`)"
	}
	return "if it held development keys delete it; ceremony keys are restored from a backup or sealed " +
		"again (`sable ceremony seal`)"
}
