package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"encoding/json"
	"fmt"

	"sable/circuits/ceremony"
)

// ceremonyRequest is one `sable ceremony` step, as Java sends it.
type ceremonyRequest struct {
	Op      string `json:"op"`
	Circuit string `json:"circuit"`
	Dir     string `json:"dir"`
	In      string `json:"in"`
	Out     string `json:"out"`
	Beacon  string `json:"beacon"`
	KeyDir  string `json:"keyDir"`
	Ptau    string `json:"ptau"`
}

type contributed struct {
	Phase    int                   `json:"phase"`
	Previous ceremony.Contribution `json:"previous"`
	Next     ceremony.Contribution `json:"next"`
}

func (r ceremonyRequest) run() (any, error) {
	switch r.Op {
	case "init":
		return ceremony.Init(r.Circuit, r.Dir, r.Ptau)
	case "contribute":
		phase, prev, next, err := ceremony.Contribute(r.In, r.Out)
		return contributed{phase, prev, next}, err
	case "begin-phase2":
		return ceremony.BeginPhase2(r.Dir, r.Beacon)
	case "verify":
		return ceremony.Verify(r.Dir, r.KeyDir, r.Ptau)
	case "seal":
		report, _, err := ceremony.Seal(r.Dir, r.Beacon, r.KeyDir, r.Ptau)
		return report, err
	}
	return nil, fmt.Errorf("unknown ceremony step %q", r.Op)
}

// SableCeremony runs one ceremony step described by a JSON request and returns its JSON result.
//
//export SableCeremony
func SableCeremony(request *C.char, out **C.char, outLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	var r ceremonyRequest
	if err := json.Unmarshal([]byte(C.GoString(request)), &r); err != nil {
		fail(&rc, errOut, fmt.Errorf("malformed ceremony request: %w", err))
		return
	}
	result, err := r.run()
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	data, err := json.Marshal(result)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	cBytes(data, out, outLen)
	return 0
}
