// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// The gnark-exported Groth16 verifier of a settlement circuit (public inputs: the commitment c to
/// the batch's public data, the challenge z and the evaluation y; PublicData.sol), with the function
/// Sable adds to it (circuits/keystore).
interface ISettlementVerifier {
    /// Returns nothing; reverts on an invalid proof or an unreduced input.
    function verifyProof(bytes calldata proof, uint256[3] calldata input) external view;

    /// keccak256 of the verifying key constants the verifier checks proofs with.
    function verifyingKeyHash() external view returns (bytes32);
}
