// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// The gnark-exported Groth16 verifier of the state-update circuit (public inputs: old root, new
/// root), with the function Sable adds to it (circuits/keystore).
interface IStateUpdateVerifier {
    /// Returns nothing; reverts on an invalid proof or an unreduced input.
    function verifyProof(bytes calldata proof, uint256[2] calldata input) external view;

    /// keccak256 of the verifying key constants the verifier checks proofs with.
    function verifyingKeyHash() external view returns (bytes32);
}
