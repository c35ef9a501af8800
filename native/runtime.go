package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"unsafe"

	"github.com/consensys/gnark/logger"
)

func init() {
	// gnark logs to stdout by default; inside the JVM that would interleave with the node's output.
	logger.Disable()
}

// main is required by -buildmode=c-shared and never runs.
func main() {}

// guard turns a panic inside an export into an error return, so the JVM gets an exception
// instead of dying. Every export defers it.
func guard(rc *C.int, errOut **C.char) {
	if r := recover(); r != nil {
		fail(rc, errOut, fmt.Errorf("panic in native library: %v\n%s", r, debug.Stack()))
	}
}

// fail reports err through the export's error out-parameter (freed by the C glue).
func fail(rc *C.int, errOut **C.char, err error) {
	*errOut = C.CString(err.Error())
	*rc = 1
}

// cBytes copies b into C memory that the caller frees; never hand Go memory to C.
func cBytes(b []byte, out **C.char, outLen *C.int) {
	*out = (*C.char)(C.CBytes(b))
	*outLen = C.int(len(b))
}

func goBytes(p *C.char, n C.int) []byte {
	return C.GoBytes(unsafe.Pointer(p), n)
}

//export SableConfigure
func SableConfigure(maxProcs C.int, memLimitBytes C.longlong) {
	if maxProcs > 0 {
		runtime.GOMAXPROCS(int(maxProcs))
	}
	if memLimitBytes > 0 {
		debug.SetMemoryLimit(int64(memLimitBytes))
	}
}

//export SableSelfTestPanic
func SableSelfTestPanic(errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	var nothing []int
	_ = nothing[len(nothing)] // a real Go runtime panic (index out of range), recovered by guard
	return 0
}
