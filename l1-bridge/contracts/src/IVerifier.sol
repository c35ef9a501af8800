// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// A gnark-exported Groth16 verifier whose public inputs bind a proof to public data (the
/// commitment c, the challenge z and the evaluation y; PublicData.sol): the settlement circuit's
/// and the exit circuit's, each with the function Sable adds to it (circuits/keystore).
interface IVerifier {
    /// Returns nothing; reverts on an invalid proof or an unreduced input.
    function verifyProof(bytes calldata proof, uint256[3] calldata input) external view;

    /// keccak256 of the verifying key constants the verifier checks proofs with.
    function verifyingKeyHash() external view returns (bytes32);
}
