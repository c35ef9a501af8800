// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// The gnark-exported Groth16 verifier of the state-update circuit (public inputs: old root, new
/// root). It returns nothing and reverts on an invalid proof or an unreduced input.
interface IStateUpdateVerifier {
    function verifyProof(bytes calldata proof, uint256[2] calldata input) external view;
}
