// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Binding of a settlement batch's public data to its proof
/// @notice The settlement circuit commits to the batch's public data d (field elements, layout in
/// docs/settlement.md) with c = Poseidon2(TAG_PUBDATA, d), a public input. The bridge derives the
/// challenge z = keccak256(c, d) mod r and the evaluation y = sum d_i z^i mod r from its calldata
/// and verifies the proof for (c, z, y); the circuit checks the same evaluation of the d it
/// committed to. A proof therefore holds only for the calldata's d (up to probability n / r).
library PublicData {
    /// The BN254 scalar field modulus.
    uint256 internal constant R =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// An element of the public data is not below r (it would alias another value in the proof).
    error UnreducedElement(uint256 index);

    /// @notice z = keccak256(c || d_0 || ... || d_{n-1}) mod r, each element a 32-byte word.
    function challenge(uint256 c, uint256[] calldata d) internal pure returns (uint256 z) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, c)
            let bytesLen := mul(d.length, 32)
            calldatacopy(add(p, 32), d.offset, bytesLen)
            z := mod(keccak256(p, add(bytesLen, 32)), R)
        }
    }

    /// @notice y = sum d_i z^i mod r (Horner from the last element); reverts on an element >= r.
    function evaluate(uint256[] calldata d, uint256 z) internal pure returns (uint256 y) {
        uint256 bad = type(uint256).max;
        assembly ("memory-safe") {
            for { let i := d.length } gt(i, 0) {} {
                i := sub(i, 1)
                let e := calldataload(add(d.offset, shl(5, i)))
                if iszero(lt(e, R)) {
                    bad := i
                    break
                }
                y := addmod(mulmod(y, z, R), e, R)
            }
        }
        if (bad != type(uint256).max) revert UnreducedElement(bad);
    }
}
